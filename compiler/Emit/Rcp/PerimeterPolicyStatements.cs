using System.Collections.Immutable;
using System.Globalization;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Emit.Iam;
using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Engine.Perimeters;

namespace Sec08Policy.Compiler.Emit.Rcp;

/// <summary>
/// The Deny statements of the policy's perimeters for one kind of document. Each perimeter statement's condition is
/// lowered as access conditions are (one statement per disjunct), with <c>"Principal": "*"</c> in resource control and
/// key policies, none in SCPs, and <c>Resource</c> <c>"*"</c>.
/// </summary>
internal static class PerimeterPolicyStatements
{
    public sealed record Lowered(PolicyStatement Statement, PerimeterStatement Source);

    public static ImmutableArray<Lowered> For(EmitContext context, PerimeterDocuments document)
    {
        var result = ImmutableArray.CreateBuilder<Lowered>();
        foreach (var statement in context.PolicySet.Perimeters.SelectMany(p => p.Statements).Where(s => s.Documents.HasFlag(document)))
        {
            ImmutableArray<ImmutableArray<ConditionEntry>> alternatives;
            try
            {
                alternatives = new IamConditionLowering(context.PolicySet.Classification).ToAlternatives(statement.Condition);
            }
            catch (IamLoweringException e)
            {
                context.Diagnostics.Report(Descriptors.CannotExpressInIam, context.Locate(statement.Perimeter.Origin), statement.Perimeter.Name, e.Message);
                continue;
            }

            var blocks = alternatives.Select(a => ConditionMerger.Merge(a)).OfType<ConditionBlock>().Distinct().ToList();
            var sid = SidNames.Pascal(statement.Perimeter.Name, statement.Kind.ToString());
            for (var i = 0; i < blocks.Count; i++)
            {
                result.Add(new Lowered(
                    new PolicyStatement
                    {
                        Sid = blocks.Count == 1 ? sid : sid + (i + 1).ToString(CultureInfo.InvariantCulture),
                        Effect = "Deny",
                        Principal = document == PerimeterDocuments.ServiceControl ? null : PolicyPrincipal.Anyone,
                        Action = ValueList.Of(document == PerimeterDocuments.KeyPolicy ? PerimeterStatement.KeyPolicyActions : statement.Actions),
                        Resource = ValueList.Of("*"),
                        Condition = blocks[i].OrNull(),
                    },
                    statement));
            }
        }

        return result.ToImmutable();
    }
}
