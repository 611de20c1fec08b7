using System.Collections.Immutable;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// One AWS Config rule of the conformance pack: a Guard custom policy rule or an AWS managed rule, for one requirement
/// clause, with the resource types it evaluates, the cases it leaves to <c>sec08 eval</c> and how a failure is fixed.
/// </summary>
internal sealed record ConfigRuleOutput(
    string Name,
    string LogicalId,
    CompiledRule Rule,
    ImmutableArray<string> ResourceTypes,
    string? PolicyText,
    ManagedRule? Managed,
    ImmutableArray<(string ResourceType, ImmutableArray<string> Cases)> Undecided,
    RemediationChoice Remediation)
{
    /// <summary>The sec08 resource types it decides (CloudFormation names), when they differ from its Config types (DocumentDB clusters are <c>AWS::RDS::DBCluster</c> items).</summary>
    public ImmutableArray<string> Decides { get; init; } = ResourceTypes;

    public string? GuardFile => PolicyText is null ? null : $"config/rules/{Name}.guard";
}

/// <summary>The runbook that fixes a failure (with the key it needs), or why the fix is manual.</summary>
internal sealed record RemediationChoice(Runbook? Runbook, KeySpec? Key, string? ManualBecause);

/// <summary>A clause, or one service of it, that no Config rule evaluates, and why.</summary>
internal sealed record LeftOut(CompiledRule Rule, string Services, string Reason, bool Undecidable);
