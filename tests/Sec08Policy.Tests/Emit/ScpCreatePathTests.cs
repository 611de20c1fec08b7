using Sec08Policy.Engine.Catalog.Resources;

namespace Sec08Policy.Tests.Emit;

/// <summary>
/// Every create-like action of every data service (creates, restores, copies, read replicas, imports) is either denied
/// by an SCP of a preventive requirement, or named in that requirement's detective-only info (SP3006): none is left
/// open silently. The paths that once were (volumes created by `ec2:RunInstances`, snapshot copies, RDS and DynamoDB
/// restores, read replicas) are checked by name.
/// </summary>
public class ScpCreatePathTests
{
    private static readonly ResourceCatalog s_catalog = ResourceCatalog.Default;

    [TestCase("encrypted", "ec2:RunInstances", "denied")]
    [TestCase("encrypted", "ec2:CopySnapshot", "denied")]
    [TestCase("encrypted", "rds:CreateDBCluster", "denied")]
    [TestCase("encrypted", "rds:RestoreDBInstanceFromDBSnapshot", "detective")]
    [TestCase("encrypted", "rds:RestoreDBClusterFromSnapshot", "detective")]
    [TestCase("encrypted", "rds:CreateDBInstanceReadReplica", "detective")]
    [TestCase("encrypted with customer_managed key", "dynamodb:RestoreTableFromBackup", "detective")]
    [TestCase("encrypted with customer_managed key", "elasticache:CreateServerlessCache", "denied")]
    [TestCase("encrypted", "codebuild:CreateProject", "denied")]
    [TestCase("encrypted with customer_managed key", "eks:CreateCluster", "denied")]
    [TestCase("encrypted with customer_managed key", "sagemaker:CreateNotebookInstance", "denied")]
    [TestCase("tags \"team\"", "fsx:CreateFileSystem", "denied")]
    [TestCase("tags \"team\"", "dynamodb:RestoreTableFromBackup", "detective")]
    public void Build_CreatePath_IsDeniedOrNamedAsDetective(string assertion, string action, string expected)
    {
        var (statements, infos) = Build(assertion);

        var denied = statements.Any(s => s.Actions.Contains(action));
        var detective = infos.Any(i => i.Contains($"`{action}`", StringComparison.Ordinal));
        Assert.That(expected == "denied" ? denied : detective && !denied, Is.True, $"{action}: denied={denied}, named as detective={detective}");
    }

    [TestCase("encrypted")]
    [TestCase("encrypted with customer_managed key")]
    public void Build_EveryCreateActionOfEveryService_IsDeniedOrNamedAsDetective(string assertion)
    {
        var (statements, infos) = Build(assertion);

        foreach (var service in s_catalog.Services.Where(s => s.StoresData))
        {
            if (assertion == "encrypted" && service.AlwaysEncrypted is { } always)
            {
                Assert.That(infos.Any(i => ServicesOf(i).Contains(service.Name) && ReasonOf(i) == always), Is.True, service.Name);
                continue;
            }

            if (service.Name == "s3")
            {
                // S3 data is objects: a customer-managed key is required on the upload itself.
                Assert.That(statements.Any(s => s.Actions.Contains("s3:PutObject")), Is.True);
                continue;
            }

            var notes = infos.Where(i => ServicesOf(i).Contains(service.Name)).ToList();
            foreach (var action in service.Create.Select(a => a.Action))
            {
                var covered = statements.Any(s => s.Actions.Contains(action))
                    || notes.Select(ReasonOf).Any(r => r.Contains($"`{action}`", StringComparison.Ordinal) || !r.Contains(':', StringComparison.Ordinal))
                    || service.Create.First(a => a.Action == action).AlwaysEncrypts;
                Assert.That(covered, Is.True, $"`{action}` of `{service.Name}` is neither denied nor named as detective only");
            }
        }
    }

    /// <summary>The services an SP3006 line names: "... is not prevented for `a`, `b`: reason".</summary>
    private static string[] ServicesOf(string info)
    {
        var start = info.IndexOf(" is not prevented for ", StringComparison.Ordinal) + " is not prevented for ".Length;
        var end = info.IndexOf("`: ", start, StringComparison.Ordinal) + 1;
        return info[start..end].Split(", ").Select(s => s.Trim('`')).ToArray();
    }

    /// <summary>The reason an SP3006 line gives: whole-service reasons name no action.</summary>
    private static string ReasonOf(string info) => info[(info.IndexOf("`: ", info.IndexOf(" is not prevented for ", StringComparison.Ordinal), StringComparison.Ordinal) + 3)..];

    private static (List<EmittedScpStatement> Statements, List<string> Infos) Build(string assertion)
    {
        var (statements, output) = EveryStoreScps.Build(assertion);
        return (statements, [.. output.Split('\n').Where(l => l.Contains(" info SP3006: ", StringComparison.Ordinal))]);
    }
}
