using System.Collections.Immutable;
using Sec08Policy.Compiler.Binding;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Emit.Config;
using Sec08Policy.Compiler.Emit.Deploy;
using Sec08Policy.Compiler.Emit.Iam;
using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Compiler.Emit.Kms;
using Sec08Policy.Compiler.Emit.Rcp;
using Sec08Policy.Compiler.Emit.Scp;
using Sec08Policy.Compiler.Lowering;
using Sec08Policy.Engine.Serialization;

namespace Sec08Policy.Compiler.Emit;

/// <summary>Lowers an error-free bound model and emits every artifact of a build, or none when any check fails.</summary>
internal static class Emitter
{
    public static EmitResult Emit(BoundPolicySet bound, EmitOptions options) => Emit(Lowerer.LowerWithSources(bound), options);

    public static EmitResult Emit(LoweredPolicy lowered, EmitOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var policySet = lowered.PolicySet;
        var context = new EmitContext(lowered, options, diagnostics);
        DeployedKeys.CheckOrigins(context);
        var documents = new BuildDocuments(IamPolicyEmitter.Emit(context), KmsKeyPolicyEmitter.Emit(context), ScpEmitter.Emit(context))
        {
            ResourceControlPolicies = RcpEmitter.Emit(context),
        };
        var config = ConfigEmitter.Emit(context);
        var alerts = ComplianceAlerts.Plan(context, documents, config);
        if (alerts is not null)
        {
            documents = alerts.GrantKey(context, documents);
            config = config with { Alerts = alerts };
        }

        CheckGrammar(documents);
        var pack = ConformancePackWriter.Write(context, config);
        if (diagnostics.HasErrors)
        {
            return new EmitResult(false, diagnostics.ToImmutable(), [], policySet);
        }

        var artifacts = ImmutableArray.CreateBuilder<Artifact>();
        foreach (var document in documents.IdentityPolicies.Concat(documents.KeyPolicies))
        {
            artifacts.Add(new Artifact(document.Path, PolicyJson.Indented(document.Document)));
        }

        foreach (var document in documents.ServiceControlPolicies.Concat(documents.ResourceControlPolicies))
        {
            // Every character of an SCP or RCP counts against its size: write exactly what was packed, no final newline.
            artifacts.Add(new Artifact(document.Path, PolicyJson.Minified(document.Document)));
        }

        artifacts.Add(new Artifact("rules.json", PolicySetJson.Write(policySet)));
        artifacts.Add(CloudFormationEmitter.Emit(context, documents, alerts));
        if (CloudFormationEmitter.EmitReplicas(context, documents) is { } replicas)
        {
            artifacts.Add(replicas);
        }

        artifacts.Add(TerraformEmitter.Emit(context, documents, alerts));
        if (!config.Rules.IsEmpty)
        {
            artifacts.Add(pack);
        }

        foreach (var rule in config.Rules.Where(r => r.GuardFile is not null))
        {
            artifacts.Add(new Artifact(rule.GuardFile!, rule.PolicyText!));
        }

        var other = artifacts.Select(a => a.Path).Where(p => !p.StartsWith("iam/", StringComparison.Ordinal) && !p.StartsWith("kms/", StringComparison.Ordinal) && !p.StartsWith("scp/", StringComparison.Ordinal) && !p.StartsWith("rcp/", StringComparison.Ordinal));
        artifacts.Add(ManifestWriter.Write(documents, policySet, other, config));
        return new EmitResult(true, diagnostics.ToImmutable(), [.. artifacts.OrderBy(a => a.Path, StringComparer.Ordinal)], policySet);
    }

    /// <summary>Every document must satisfy the IAM grammar before anything is written; a violation is a compiler bug.</summary>
    private static void CheckGrammar(BuildDocuments documents)
    {
        foreach (var document in documents.All)
        {
            var problems = document.Path.StartsWith("rcp/", StringComparison.Ordinal)
                ? PolicyGrammarCheck.CheckResourceControlPolicy(document.Document)
                : PolicyGrammarCheck.Check(document.Document, document.Path.StartsWith("kms/", StringComparison.Ordinal), document.Path.StartsWith("scp/", StringComparison.Ordinal));
            if (problems.Count > 0)
            {
                throw new InvalidOperationException($"{document.Path} breaks the IAM policy grammar: {string.Join("; ", problems)}");
            }
        }
    }
}
