using System.Collections.Concurrent;
using System.Collections.Immutable;
using Sec08Policy.Engine.Iam.Evaluation;

namespace Sec08Policy.Engine.Iam;

/// <summary>
/// Every policy that applies to a request: the principal's identity policies and permissions boundary, the SCPs on the
/// path from the organization root to the principal's account, the RCPs on the path to the resource's account, and the
/// resource's policy (a KMS key policy when its kind is <see cref="IamPolicyKind.KeyPolicy"/>). No SCP levels means
/// Organizations is not in play (or the account is the management account); likewise for RCPs.
/// <see cref="Decide"/> evaluates a request as AWS does; the set is immutable and safe to share between threads, and
/// it indexes its statements by action as requests arrive.
/// </summary>
public sealed class IamPolicySet
{
    private readonly ConcurrentDictionary<string, ActionPlan> _plans = new(StringComparer.OrdinalIgnoreCase);
    private DecisionProcedure? _procedure;

    public ImmutableArray<IamPolicyDocument> IdentityPolicies { get; init; } = [];

    public IamPolicyDocument? PermissionsBoundary { get; init; }

    /// <summary>The SCPs by level, the organization root first and the account last.</summary>
    public ImmutableArray<IamPolicyLevel> ServiceControlPolicies { get; init; } = [];

    /// <summary>The RCPs by level, the organization root first and the resource's account last.</summary>
    public ImmutableArray<IamPolicyLevel> ResourceControlPolicies { get; init; } = [];

    /// <summary>The resource-based policy of the resource, or its key policy; null when it has none.</summary>
    public IamPolicyDocument? ResourcePolicy { get; init; }

    /// <summary>Whether <see cref="ResourcePolicy"/> is a KMS key policy, which must allow before IAM policies count.</summary>
    public bool HasKeyPolicy => ResourcePolicy?.Kind == IamPolicyKind.KeyPolicy;

    /// <summary>Decides <paramref name="request"/> as AWS's policy evaluation logic does (docs/iam-engine.md).</summary>
    public IamDecision Decide(IamRequest request, IamEvaluationOptions? options = null)
    {
        _procedure ??= new DecisionProcedure(this);
        var plan = _plans.TryGetValue(request.Action, out var known) ? known : _plans.GetOrAdd(request.Action, ActionPlan.Build, this);
        return _procedure.Decide(plan, request, (options ?? IamEvaluationOptions.Default).UnresolvedVariables);
    }
}
