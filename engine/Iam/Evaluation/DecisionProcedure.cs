using Sec08Policy.Engine.Iam.Principals;

namespace Sec08Policy.Engine.Iam.Evaluation;

/// <summary>
/// AWS's policy evaluation logic over one policy set (docs/iam-engine.md, "Evaluation"): an explicit Deny anywhere
/// wins; then every RCP level and every SCP level must allow; then the resource policy, identity policies, permissions
/// boundary and key policy decide, differently in the resource's own account and across accounts. Statements come
/// pre-selected by action (<see cref="ActionPlan"/>); evaluation allocates only the decision it returns.
/// </summary>
internal sealed class DecisionProcedure
{
    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly IamPolicySet _set;
    private readonly bool _hasKeyPolicy;
    private readonly IamDecision[] _scpDenials;
    private readonly IamDecision[] _rcpDenials;
    private readonly Dictionary<IamDenialReason, IamDecision> _denials;

    public DecisionProcedure(IamPolicySet set)
    {
        _set = set;
        _hasKeyPolicy = set.HasKeyPolicy;
        _scpDenials = [.. set.ServiceControlPolicies.Select((level, i) => Implicit(IamDenialReason.ServiceControlPolicy, i, level.Name))];
        _rcpDenials = [.. set.ResourceControlPolicies.Select((level, i) => Implicit(IamDenialReason.ResourceControlPolicy, i, level.Name))];
        _denials = Enum.GetValues<IamDenialReason>().ToDictionary(r => r, r => Implicit(r, null, null));
    }

    public IamDecision Decide(ActionPlan plan, IamRequest request, IamUnresolvedVariables unresolved)
    {
        var context = request.RequestContext;
        var principal = request.Principal;
        var scratch = t_scratch ??= new Scratch();
        scratch.Clear();

        // Identity policies and boundaries belong to IAM users and roles; the root user has neither and may do
        // anything its account's SCPs allow. SCPs bind the principals of member accounts, but not service-linked roles;
        // RCPs bind every caller of a supported service except service-linked roles.
        var isIdentity = principal.Kind is IamPrincipalKind.User or IamPrincipalKind.RoleSession or IamPrincipalKind.FederatedUser;
        var hasBoundary = isIdentity && _set.PermissionsBoundary is not null;
        var scpApplies = !_set.ServiceControlPolicies.IsEmpty && (isIdentity || principal.Kind == IamPrincipalKind.Root) && !principal.IsServiceLinkedRole;
        var rcpApplies = !_set.ResourceControlPolicies.IsEmpty && plan.ResourceControlApplies && !principal.IsServiceLinkedRole;

        // 1. An explicit Deny in any applicable policy.
        var denies = scratch.Denies;
        if (isIdentity)
        {
            Collect(plan.Identity, IamEffect.Deny, request, context, unresolved, denies);
        }

        if (hasBoundary)
        {
            Collect(plan.Boundary, IamEffect.Deny, request, context, unresolved, denies);
        }

        if (scpApplies)
        {
            foreach (var level in plan.ServiceControl)
            {
                Collect(level, IamEffect.Deny, request, context, unresolved, denies);
            }
        }

        if (rcpApplies)
        {
            foreach (var level in plan.ResourceControl)
            {
                CollectWithPrincipal(level, IamEffect.Deny, request, context, unresolved, hasBoundary, denies, null);
            }
        }

        CollectWithPrincipal(plan.Resource, IamEffect.Deny, request, context, unresolved, hasBoundary, denies, null);
        if (denies.Count > 0)
        {
            return Decision(IamDecisionOutcome.ExplicitlyDenied, denies, null);
        }

        // 2. Every RCP level, then every SCP level, must allow.
        if (rcpApplies)
        {
            for (var i = 0; i < plan.ResourceControl.Length; i++)
            {
                if (!AnyAllowWithPrincipal(plan.ResourceControl[i], request, context, unresolved, hasBoundary))
                {
                    return _rcpDenials[i];
                }
            }
        }

        if (scpApplies)
        {
            for (var i = 0; i < plan.ServiceControl.Length; i++)
            {
                if (!AnyAllow(plan.ServiceControl[i], request, context, unresolved))
                {
                    return _scpDenials[i];
                }
            }
        }

        // 3. What grants: the resource policy by how it names the principal, the identity policies, the boundary.
        var grants = scratch.Grants;
        CollectWithPrincipal(plan.Resource, IamEffect.Allow, request, context, unresolved, hasBoundary, grants, scratch.Matches);
        var strongest = PrincipalMatch.None;
        foreach (var match in scratch.Matches)
        {
            strongest = match > strongest ? match : strongest;
        }

        if (principal.Kind is IamPrincipalKind.Service or IamPrincipalKind.Anonymous)
        {
            // Only a resource policy grants a service or an anonymous caller anything.
            return strongest >= PrincipalMatch.RoleOrEveryone
                ? Decision(IamDecisionOutcome.Allowed, grants, null)
                : _denials[IamDenialReason.ResourcePolicy];
        }

        var identityAllows = principal.Kind == IamPrincipalKind.Root;
        if (isIdentity)
        {
            Collect(plan.Identity, IamEffect.Allow, request, context, unresolved, scratch.IdentityGrants);
            identityAllows = scratch.IdentityGrants.Count > 0;
        }

        var boundaryAllows = !hasBoundary || AnyAllow(plan.Boundary, request, context, unresolved);
        var sameAccount = principal.Account == request.EffectiveResourceAccount;
        if (!sameAccount)
        {
            // Across accounts both sides must allow: the resource's policy (naming the principal or its account) and
            // the caller's own identity policies within its boundary.
            if (strongest == PrincipalMatch.None)
            {
                return _denials[IamDenialReason.ResourcePolicy];
            }

            if (!identityAllows)
            {
                return _denials[IamDenialReason.IdentityPolicy];
            }

            if (!boundaryAllows)
            {
                return _denials[IamDenialReason.PermissionsBoundary];
            }

            grants.AddRange(scratch.IdentityGrants);
            return Decision(IamDecisionOutcome.Allowed, grants, null);
        }

        // Same account. A grant naming the user or session itself stands alone; one naming the role, or everyone,
        // is still limited by the boundary; one naming the account delegates to IAM policies.
        if (strongest == PrincipalMatch.Direct)
        {
            return Decision(IamDecisionOutcome.Allowed, grants, PrincipalMatch.Direct);
        }

        if (strongest == PrincipalMatch.RoleOrEveryone && boundaryAllows)
        {
            return Decision(IamDecisionOutcome.Allowed, grants, PrincipalMatch.RoleOrEveryone);
        }

        if (!identityAllows)
        {
            return _denials[strongest == PrincipalMatch.RoleOrEveryone ? IamDenialReason.PermissionsBoundary : IamDenialReason.NoAllow];
        }

        // KMS: IAM policies count only where the key policy delegates to the account.
        if (_hasKeyPolicy && strongest < PrincipalMatch.Account)
        {
            return _denials[IamDenialReason.KeyPolicy];
        }

        if (!boundaryAllows)
        {
            return _denials[IamDenialReason.PermissionsBoundary];
        }

        if (_hasKeyPolicy)
        {
            grants.AddRange(scratch.IdentityGrants);
            return Decision(IamDecisionOutcome.Allowed, grants, null);
        }

        return Decision(IamDecisionOutcome.Allowed, scratch.IdentityGrants, null);
    }

    private static void Collect(IamStatement[] statements, IamEffect effect, IamRequest request, IamRequestContext context, IamUnresolvedVariables unresolved, List<IamStatement> into)
    {
        foreach (var statement in statements)
        {
            if (statement.Effect == effect && statement.MatchesResourceAndConditions(request, context, unresolved))
            {
                into.Add(statement);
            }
        }
    }

    private static void CollectWithPrincipal(IamStatement[] statements, IamEffect effect, IamRequest request, IamRequestContext context, IamUnresolvedVariables unresolved, bool hasBoundary, List<IamStatement> into, List<PrincipalMatch>? matches)
    {
        foreach (var statement in statements)
        {
            if (statement.Effect != effect)
            {
                continue;
            }

            var match = statement.MatchPrincipal(request.Principal, hasBoundary);
            if (match != PrincipalMatch.None && statement.MatchesResourceAndConditions(request, context, unresolved))
            {
                into.Add(statement);
                matches?.Add(match);
            }
        }
    }

    private static bool AnyAllow(IamStatement[] statements, IamRequest request, IamRequestContext context, IamUnresolvedVariables unresolved)
    {
        foreach (var statement in statements)
        {
            if (statement.Effect == IamEffect.Allow && statement.MatchesResourceAndConditions(request, context, unresolved))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyAllowWithPrincipal(IamStatement[] statements, IamRequest request, IamRequestContext context, IamUnresolvedVariables unresolved, bool hasBoundary)
    {
        foreach (var statement in statements)
        {
            if (statement.Effect == IamEffect.Allow
                && statement.MatchPrincipal(request.Principal, hasBoundary) != PrincipalMatch.None
                && statement.MatchesResourceAndConditions(request, context, unresolved))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A decision citing <paramref name="statements"/>; with <paramref name="only"/>, just the resource grants of that strength.</summary>
    private static IamDecision Decision(IamDecisionOutcome outcome, List<IamStatement> statements, PrincipalMatch? only)
    {
        var scratch = t_scratch!;
        if (only is { } strength)
        {
            var kept = scratch.Kept;
            for (var i = 0; i < statements.Count; i++)
            {
                if (scratch.Matches[i] == strength)
                {
                    kept.Add(statements[i]);
                }
            }

            statements = kept;
        }

        return new IamDecision(outcome, statements.Count == 1 ? statements[0].Alone : [.. statements]);
    }

    private static IamDecision Implicit(IamDenialReason reason, int? level, string? name) =>
        new(IamDecisionOutcome.ImplicitlyDenied, [], reason, level, name);

    /// <summary>Lists reused by every decision on a thread.</summary>
    private sealed class Scratch
    {
        public List<IamStatement> Denies { get; } = [];

        public List<IamStatement> Grants { get; } = [];

        public List<PrincipalMatch> Matches { get; } = [];

        public List<IamStatement> IdentityGrants { get; } = [];

        public List<IamStatement> Kept { get; } = [];

        public void Clear()
        {
            Denies.Clear();
            Grants.Clear();
            Matches.Clear();
            IdentityGrants.Clear();
            Kept.Clear();
        }
    }
}
