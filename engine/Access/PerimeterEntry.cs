using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Iam;
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

    public bool Denies(RequestView view, bool onKey)
    {
        var request = view.Request;
        // A principal IAM cannot read (a malformed ARN in a test file) is no service-linked role, and an ARN is bound by
        // the SCPs: the perimeter fails closed on it.
        var parsed = IamPrincipal.TryParse(request.Principal, out var principal, out _);
        var serviceLinked = parsed && principal.IsServiceLinkedRole;
        var member = parsed
            ? principal.Kind is IamPrincipalKind.User or IamPrincipalKind.RoleSession or IamPrincipalKind.FederatedUser or IamPrincipalKind.Root
            : request.Principal.StartsWith("arn:", StringComparison.Ordinal);
        var reached =
            (statement.Documents.HasFlag(PerimeterDocuments.ResourceControl) && !serviceLinked && IsResourceControlled(request.Action) && Actions.Match(statement.Actions, request.Action))
            || (statement.Documents.HasFlag(PerimeterDocuments.ServiceControl) && !serviceLinked && member && Actions.Match(statement.Actions, request.Action))
            || (statement.Documents.HasFlag(PerimeterDocuments.KeyPolicy) && onKey && Actions.Match(PerimeterStatement.KeyPolicyActions, request.Action));
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
