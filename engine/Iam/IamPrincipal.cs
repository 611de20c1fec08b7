namespace Sec08Policy.Engine.Iam;

/// <summary>
/// The principal of a request, parsed from its ARN (or service principal name) once: its kind, account, and the ARNs a
/// policy can name it by. Build one with <see cref="TryParse"/>; a malformed ARN is a message, not an exception.
/// </summary>
public sealed class IamPrincipal
{
    private IamPrincipal(IamPrincipalKind kind, string text, string? account, string? arn, string? partition, string? name, string? roleArn, string? roleName)
    {
        Kind = kind;
        Text = text;
        Account = account;
        Arn = arn;
        Partition = partition;
        Name = name;
        RoleArn = roleArn;
        RoleName = roleName;
        IsServiceLinkedRole = kind == IamPrincipalKind.RoleSession
            && ((roleArn?.Contains(":role/aws-service-role/", StringComparison.Ordinal) ?? false)
                || (roleName?.StartsWith("AWSServiceRoleFor", StringComparison.Ordinal) ?? false));
    }

    /// <summary>An unauthenticated caller: only a resource policy open to <c>"*"</c> can grant it anything.</summary>
    public static IamPrincipal Anonymous { get; } = new(IamPrincipalKind.Anonymous, "anonymous", null, null, null, null, null, null);

    public IamPrincipalKind Kind { get; }

    /// <summary>The text the principal was parsed from.</summary>
    public string Text { get; }

    /// <summary>The 12-digit account the principal belongs to; null for service principals and anonymous callers.</summary>
    public string? Account { get; }

    /// <summary>
    /// The ARN that makes the request: the user's, the session's, the root user's; for a role named by its role ARN,
    /// the role's (the session name is not known). Null for service principals and anonymous callers.
    /// </summary>
    public string? Arn { get; }

    public string? Partition { get; }

    /// <summary>The user's or federated user's name, the session name of a role session, or the service principal's name.</summary>
    public string? Name { get; }

    /// <summary>For a role session, the role's ARN (<c>aws:PrincipalArn</c>); the path is known only when the role ARN was given.</summary>
    public string? RoleArn { get; }

    public string? RoleName { get; }

    /// <summary>Whether a role session's session ARN is known (it was given), so that a policy naming that session can match.</summary>
    public bool HasSessionArn => Kind == IamPrincipalKind.RoleSession && Arn is not null && Arn != RoleArn;

    /// <summary>
    /// A service-linked role (path <c>/aws-service-role/</c>, or a name starting <c>AWSServiceRoleFor</c> when only the
    /// session ARN is known): SCPs and RCPs do not apply to it.
    /// </summary>
    public bool IsServiceLinkedRole { get; }

    /// <summary>The ARN of the principal's account (<c>arn:aws:iam::111122223333:root</c>).</summary>
    public string? AccountArn => Account is null ? null : $"arn:{Partition}:iam::{Account}:root";

    /// <summary>
    /// Parses an IAM ARN (root, user, role, assumed-role session, federated user), a service principal
    /// (<c>s3.amazonaws.com</c>) or <c>anonymous</c>. On failure <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string text, out IamPrincipal principal, out string? error)
    {
        principal = Anonymous;
        error = null;
        if (text == "anonymous" || text == "*")
        {
            return true;
        }

        if (!text.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (text.Length > 0 && text.Contains('.', StringComparison.Ordinal) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
            {
                principal = new IamPrincipal(IamPrincipalKind.Service, text, null, null, null, text.ToLowerInvariant(), null, null);
                return true;
            }

            error = $"`{text}` is neither an IAM ARN nor a service principal such as `s3.amazonaws.com`";
            return false;
        }

        var segments = text.Split(':', 6);
        if (segments.Length != 6 || segments[1].Length == 0 || segments[2] is not ("iam" or "sts") || segments[3].Length != 0)
        {
            error = NotAPrincipal(text);
            return false;
        }

        var (partition, service, account, resource) = (segments[1], segments[2], segments[4], segments[5]);
        if (account.Length != 12 || !account.All(char.IsAsciiDigit))
        {
            error = $"`{text}` has no 12-digit account ID";
            return false;
        }

        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        var type = slash < 0 ? resource : resource[..slash];
        var rest = slash < 0 ? string.Empty : resource[(slash + 1)..];
        var lastName = rest[(rest.LastIndexOf('/') + 1)..];
        switch (service, type)
        {
            case ("iam", "root") when slash < 0:
                principal = new IamPrincipal(IamPrincipalKind.Root, text, account, text, partition, null, null, null);
                return true;
            case ("iam", "user") when lastName.Length > 0:
                principal = new IamPrincipal(IamPrincipalKind.User, text, account, text, partition, lastName, null, null);
                return true;
            case ("iam", "role") when lastName.Length > 0:
                principal = new IamPrincipal(IamPrincipalKind.RoleSession, text, account, text, partition, null, text, lastName);
                return true;
            case ("sts", "assumed-role") when rest.Split('/') is [{ Length: > 0 } role, { Length: > 0 } session]:
                principal = new IamPrincipal(IamPrincipalKind.RoleSession, text, account, text, partition, session, $"arn:{partition}:iam::{account}:role/{role}", role);
                return true;
            case ("sts", "federated-user") when rest.Length > 0 && !rest.Contains('/', StringComparison.Ordinal):
                principal = new IamPrincipal(IamPrincipalKind.FederatedUser, text, account, text, partition, rest, null, null);
                return true;
            default:
                error = NotAPrincipal(text);
                return false;
        }
    }

    private static string NotAPrincipal(string text) =>
        $"`{text}` is not an IAM principal ARN (arn:PARTITION:iam::ACCOUNT:user/NAME, role/NAME, root, or arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION)";

    /// <summary>Parses a principal known to be well formed; throws <see cref="ArgumentException"/> otherwise (for code and tests, not user input).</summary>
    public static IamPrincipal Parse(string text) =>
        TryParse(text, out var principal, out var error) ? principal : throw new ArgumentException(error, nameof(text));

    public override string ToString() => Text;
}
