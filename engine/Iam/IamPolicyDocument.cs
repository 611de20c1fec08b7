using System.Collections.Immutable;
using System.Text;
using Sec08Policy.Engine.Iam.Parsing;

namespace Sec08Policy.Engine.Iam;

/// <summary>
/// An IAM policy document (identity policy, permissions boundary, resource or key policy, SCP, RCP), parsed and
/// compiled once with <see cref="Parse(string, IamPolicyKind, string)"/>. A malformed document gives problems with line
/// and column, never an exception.
/// </summary>
public sealed class IamPolicyDocument
{
    private IamPolicyDocument(string name, IamPolicyKind kind, string? version, string? id, IEnumerable<StatementDraft> statements)
    {
        Name = name;
        Kind = kind;
        Version = version;
        Id = id;
        Statements = [.. statements.Select((draft, index) => new IamStatement(this, index, draft))];
    }

    /// <summary>
    /// The AWS managed SCP <c>FullAWSAccess</c>, attached to every root, OU and account when SCPs are enabled: it
    /// allows everything, so that a level without it allows nothing.
    /// </summary>
    public static IamPolicyDocument FullAwsAccess { get; } = Known(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""",
        IamPolicyKind.ServiceControl,
        "FullAWSAccess");

    /// <summary>The AWS managed RCP <c>RCPFullAWSAccess</c>, attached to every root, OU and account when RCPs are enabled; it cannot be detached.</summary>
    public static IamPolicyDocument RcpFullAwsAccess { get; } = Known(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""",
        IamPolicyKind.ResourceControl,
        "RCPFullAWSAccess");

    /// <summary>The name the document is reported by (its file, or the name given to <see cref="Parse(string, IamPolicyKind, string)"/>).</summary>
    public string Name { get; }

    public IamPolicyKind Kind { get; }

    /// <summary>The <c>Version</c> element; policy variables are read only under <c>2012-10-17</c>.</summary>
    public string? Version { get; }

    public string? Id { get; }

    public ImmutableArray<IamStatement> Statements { get; }

    public static IamParseResult Parse(string json, IamPolicyKind kind, string name = "policy") =>
        Parse(Encoding.UTF8.GetBytes(json), kind, name);

    public static IamParseResult Parse(ReadOnlyMemory<byte> utf8, IamPolicyKind kind, string name = "policy")
    {
        var (version, id, statements, problems) = PolicyParser.Parse(utf8, kind, name);
        return problems.IsEmpty
            ? new IamParseResult(new IamPolicyDocument(name, kind, version, id, statements), [])
            : new IamParseResult(null, problems);
    }

    public override string ToString() => Name;

    private static IamPolicyDocument Known(string json, IamPolicyKind kind, string name) =>
        Parse(json, kind, name).Document ?? throw new InvalidOperationException($"the built-in policy {name} does not parse");
}
