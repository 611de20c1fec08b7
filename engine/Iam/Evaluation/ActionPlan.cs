using Sec08Policy.Engine.Catalog;

namespace Sec08Policy.Engine.Iam.Evaluation;

/// <summary>The statements of a policy set that apply to one action (by <c>Action</c>/<c>NotAction</c>), by the role their document plays.</summary>
internal sealed class ActionPlan
{
    private ActionPlan(IamStatement[] identity, IamStatement[] boundary, IamStatement[][] scp, IamStatement[][] rcp, IamStatement[] resource, bool resourceControlApplies)
    {
        ResourceControlApplies = resourceControlApplies;
        Identity = identity;
        Boundary = boundary;
        ServiceControl = scp;
        ResourceControl = rcp;
        Resource = resource;
    }

    public IamStatement[] Identity { get; }

    public IamStatement[] Boundary { get; }

    public IamStatement[][] ServiceControl { get; }

    public IamStatement[][] ResourceControl { get; }

    public IamStatement[] Resource { get; }

    /// <summary>Whether RCPs can restrict the action: only the services the catalogue lists take part.</summary>
    public bool ResourceControlApplies { get; }

    /// <summary>Selects the statements for <paramref name="action"/> (any case).</summary>
    public static ActionPlan Build(string action, IamPolicySet set)
    {
        IamStatement[] For(IEnumerable<IamPolicyDocument?> documents) =>
            [.. documents.OfType<IamPolicyDocument>().SelectMany(d => d.Statements).Where(s => s.AppliesToAction(action))];

        return new ActionPlan(
            For(set.IdentityPolicies),
            For([set.PermissionsBoundary]),
            [.. set.ServiceControlPolicies.Select(level => For(level.Policies))],
            [.. set.ResourceControlPolicies.Select(level => For(level.Policies))],
            For([set.ResourcePolicy]),
            action.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && IamActionCatalog.Default.IsResourceControlService(action[..colon]));
    }
}
