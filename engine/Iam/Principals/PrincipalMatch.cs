namespace Sec08Policy.Engine.Iam.Principals;

/// <summary>
/// How a resource policy's <c>Principal</c> names the requester, which decides what else must allow the request in
/// the same account (docs/iam-engine.md, "Resource policies"), from weakest to strongest.
/// </summary>
internal enum PrincipalMatch
{
    None,

    /// <summary>The requester's account (<c>111122223333</c> or its <c>:root</c> ARN): a delegation, so the account's IAM policies must allow too.</summary>
    Account,

    /// <summary><c>"*"</c>, or the role of a role session: a permissions boundary still limits the grant.</summary>
    RoleOrEveryone,

    /// <summary>The user, role session, federated user session or service principal itself: granted directly.</summary>
    Direct,
}
