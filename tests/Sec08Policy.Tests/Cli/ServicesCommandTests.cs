using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Cli;

public class ServicesCommandTests
{
    /// <summary>docs/resources.md is the catalogue as `sec08 services --format markdown` prints it (SEC08_UPDATE_GOLDEN=1 rewrites it).</summary>
    [Test]
    public void Services_Markdown_IsDocsResources()
    {
        var run = CliRunner.Invoke("services", "--format", "markdown");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Golden.AssertMatches(Path.Combine(RepoPaths.Docs, "resources.md"), run.Out);
    }

    [Test]
    public void Services_Text_ListsEveryServiceWithItsTypesAndInputs()
    {
        var run = CliRunner.Invoke("services");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var catalog = ResourceCatalog.Default;
        Assert.That(run.Out, Does.EndWith($"{catalog.Services.Length} services, {catalog.Entries.Length} resource types\n"));
        foreach (var entry in catalog.Entries)
        {
            Assert.That(run.Out, Does.Contain($"\n  {entry.Type}: {entry.Title}\n"), entry.Type);
        }

        Assert.That(run.Out, Does.Contain("  AWS::DAX::Cluster: DAX cluster\n    CloudFormation  AWS::DAX::Cluster\n    Terraform       aws_dax_cluster\n    AWS Config      none: AWS Config does not record this type\n"));
    }

    [Test]
    public void Services_Named_ListsOnlyThose()
    {
        var run = CliRunner.Invoke("services", "redshift", "lambda");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Out, Does.StartWith("redshift: Amazon Redshift (IAM prefix redshift)\n  AWS::Redshift::Cluster: Redshift provisioned cluster\n"));
        Assert.That(run.Out, Does.EndWith("2 services, 2 resource types\n"));
    }

    [Test]
    public void Services_UnknownName_IsAUsageErrorWithASuggestion()
    {
        var run = CliRunner.Invoke("services", "redshfit");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.Error, Is.EqualTo("sec08: error: unknown service `redshfit`; did you mean `redshift`?\n"));
    }
}
