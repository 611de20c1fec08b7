using System.Collections.Immutable;
using Sec08Policy.Compiler.Binding;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Text;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit;

/// <summary>What every emitter shares: the IR, the options, the diagnostics and where each rule and clause was declared.</summary>
internal sealed class EmitContext
{
    private readonly ImmutableDictionary<string, Location> _rules;
    private readonly ImmutableDictionary<string, Location> _clauses;

    public EmitContext(PolicySet policySet, BoundPolicySet bound, EmitOptions options, DiagnosticBag diagnostics)
    {
        PolicySet = policySet;
        Options = options;
        Diagnostics = diagnostics;
        Account = bound.Header?.Account;
        _rules = bound.AccessRules.ToImmutableDictionary(r => r.Name, r => r.Location);
        _clauses = bound.Requirements
            .SelectMany(r => r.Clauses.Select((c, i) => ($"{r.Name}.{i + 1}", c.Location)))
            .ToImmutableDictionary(x => x.Item1, x => x.Location);
        Bound = bound;
    }

    public PolicySet PolicySet { get; }

    public BoundPolicySet Bound { get; }

    public EmitOptions Options { get; }

    public DiagnosticBag Diagnostics { get; }

    /// <summary>The account the policy header names, if any.</summary>
    public string? Account { get; }

    public Location RuleLocation(string rule) => _rules[rule];

    public Location ClauseLocation(string ruleId) => _clauses[ruleId];
}
