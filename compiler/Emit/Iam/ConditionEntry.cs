using System.Collections.Immutable;

namespace Sec08Policy.Compiler.Emit.Iam;

/// <summary>One test inside an IAM Condition element: an operator, a condition key and the values it accepts.</summary>
internal sealed record ConditionEntry(string Operator, string Key, ImmutableArray<string> Values)
{
    public bool HasVariables => Values.Any(v => v.Contains("${", StringComparison.Ordinal));
}
