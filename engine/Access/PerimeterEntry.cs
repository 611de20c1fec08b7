using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Perimeters;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// A perimeter statement prepared for deciding. It denies where one of its documents reaches the request and its
/// condition holds: a resource control policy reaches every caller but service-linked roles, on the actions of the
/// services RCPs restrict; a service control policy reaches the account's users, roles and root user, but not
/// service-linked roles or AWS service principals; a key policy reaches every caller of the key.
/// </summary>
internal sealed class PerimeterEntry(PerimeterStatement statement, Condition condition)
{
    public DecidingClause Clause { get; } = new($"perimeter {statement.Id}", Describe(statement), statement.Perimeter.Origin);

    /// <summary>Which of the statement's documents govern an action; worked out once per action.</summary>
    public PerimeterReach ReachOf(string action) => new(
        statement.Documents.HasFlag(PerimeterDocuments.ResourceControl) && IsResourceControlled(action) && Actions.Match(statement.Actions, action),
        statement.Documents.HasFlag(PerimeterDocuments.ServiceControl) && Actions.Match(statement.Actions, action),
        statement.Documents.HasFlag(PerimeterDocuments.KeyPolicy) && Actions.Match(PerimeterStatement.KeyPolicyActions, action));

    public bool Denies(RequestView view, PerimeterReach reach, bool onKey)
    {
        var caller = view.Caller;
        var reached =
            (reach.ResourceControl && !caller.IsServiceLinkedRole)
            || (reach.ServiceControl && !caller.IsServiceLinkedRole && caller.IsAccountMember)
            || (reach.KeyPolicy && onKey);
        return reached && condition.Holds(view);
    }

    private static bool IsResourceControlled(string action) =>
        action.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && IamActionCatalog.Default.IsResourceControlService(action[..colon]);

    private static string Describe(PerimeterStatement statement) => statement.Kind switch
    {
        PerimeterKind.Identity => "the caller is outside the trusted organizations and accounts",
        PerimeterKind.Resource => "the resource is outside the trusted organizations and resource accounts",
        _ => "the request comes from outside the expected networks",
    };
}

/// <summary>Whether a perimeter statement's resource control policy, service control policy and key policy statement govern an action.</summary>
internal readonly record struct PerimeterReach(bool ResourceControl, bool ServiceControl, bool KeyPolicy)
{
    public bool Any => ResourceControl || ServiceControl || KeyPolicy;
}
