using System.Collections.Immutable;

namespace Sec08Policy.Engine.Iam;

/// <summary>Why a policy document cannot be used, where: 1-based line and column in the document's text.</summary>
public sealed record IamPolicyProblem(string Message, int Line, int Column)
{
    public override string ToString() => $"({Line},{Column}): {Message}";
}

/// <summary>The outcome of <see cref="IamPolicyDocument.Parse(string, IamPolicyKind, string)"/>: the document, or the problems (never both).</summary>
public sealed record IamParseResult(IamPolicyDocument? Document, ImmutableArray<IamPolicyProblem> Problems)
{
    public bool Success => Document is not null;
}
