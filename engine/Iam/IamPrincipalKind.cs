namespace Sec08Policy.Engine.Iam;

/// <summary>Who makes a request, which decides the policies that apply to it and the keys AWS puts in its context.</summary>
public enum IamPrincipalKind
{
    /// <summary>The account's root user (<c>arn:aws:iam::111122223333:root</c>).</summary>
    Root,

    /// <summary>An IAM user (<c>arn:aws:iam::111122223333:user/path/name</c>).</summary>
    User,

    /// <summary>
    /// A session of an IAM role, named by the role (<c>arn:aws:iam::111122223333:role/path/name</c>) when the session
    /// name does not matter, or by the session (<c>arn:aws:sts::111122223333:assumed-role/name/session</c>).
    /// </summary>
    RoleSession,

    /// <summary>A federated user session from <c>GetFederationToken</c> (<c>arn:aws:sts::111122223333:federated-user/name</c>).</summary>
    FederatedUser,

    /// <summary>An AWS service principal (<c>s3.amazonaws.com</c>).</summary>
    Service,

    /// <summary>An unauthenticated caller.</summary>
    Anonymous,
}
