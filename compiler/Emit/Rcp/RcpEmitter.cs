using System.Collections.Immutable;
using System.Globalization;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Compiler.Emit.Scp;
using Sec08Policy.Engine.Perimeters;
using Sec08Policy.Engine.Reporting;

namespace Sec08Policy.Compiler.Emit.Rcp;

/// <summary>
/// Resource control policies for the policy's perimeters, <c>rcp/1.json</c> onwards: Deny-only statements with
/// <c>"Principal": "*"</c>, minified and packed as SCPs are (the same packer, the same 5,120-character and count
/// limits), because Organizations counts every character of both.
/// </summary>
internal static class RcpEmitter
{
    public static ImmutableArray<EmittedDocument> Emit(EmitContext context)
    {
        var statements = PerimeterPolicyStatements.For(context, PerimeterDocuments.ResourceControl)
            .Select(s => new ScpStatementSource(s.Statement, s.Source.Id, s.Source.Perimeter.Origin))
            .ToImmutableArray();
        var max = context.Options.ScpMaxCharacters;
        var ok = true;
        foreach (var statement in statements)
        {
            var alone = ScpPacker.PolicyLength([statement]);
            if (alone > max)
            {
                context.Diagnostics.Report(Descriptors.RcpStatementTooLarge, context.Locate(statement.Origin), statement.Statement.Sid, alone, max);
                ok = false;
            }
        }

        if (!ok || statements.IsEmpty)
        {
            return [];
        }

        var packing = ScpPacker.Pack(statements, max);
        if (packing.Policies.Length > context.Options.ScpMaxCount)
        {
            context.Diagnostics.ReportWithHelp(
                Descriptors.RcpsDoNotFit,
                context.Locate(statements[0].Origin),
                "raise --scp-max-count or --scp-max-chars, which RCPs share, or list fewer values in the perimeters",
                packing.TotalCharacters.ToString("N0", CultureInfo.InvariantCulture),
                Counted.Of(packing.Policies.Length, "RCP"),
                Counted.Of(context.Options.ScpMaxCount, "RCP"),
                max.ToString("N0", CultureInfo.InvariantCulture));
            return [];
        }

        return [.. packing.Policies.Select((policy, i) =>
        {
            var path = $"rcp/{i + 1}.json";
            var document = new PolicyDocument { Statement = [.. policy.Select(s => s.Statement)] };
            var entries = policy.Select(s => new ManifestEntry(path, s.Statement.Sid, "rcp", s.RuleId, s.Origin)).ToImmutableArray();
            return new EmittedDocument(path, $"{context.PolicySet.Name ?? "sec08"}-rcp-{i + 1}", document, entries);
        })];
    }
}
