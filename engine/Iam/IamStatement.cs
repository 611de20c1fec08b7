using System.Collections.Immutable;
using Sec08Policy.Engine.Iam.Conditions;
using Sec08Policy.Engine.Iam.Matching;
using Sec08Policy.Engine.Iam.Parsing;
using Sec08Policy.Engine.Iam.Principals;

namespace Sec08Policy.Engine.Iam;

/// <summary>
/// One statement of a parsed policy document: where it is (index, Sid, line and column) and, compiled once, what it
/// matches: actions, resources, principals and conditions.
/// </summary>
public sealed class IamStatement
{
    private readonly ActionList _actions;
    private readonly bool _notAction;
    private readonly ResourceList? _resources;
    private readonly bool _notResource;
    private readonly ConditionClause[] _conditions;
    private readonly string[] _variables;

    internal IamStatement(IamPolicyDocument document, int index, StatementDraft draft)
    {
        Document = document;
        Index = index;
        Sid = draft.Sid;
        Effect = draft.Effect;
        Line = draft.Line;
        Column = draft.Column;
        _actions = draft.Actions;
        _notAction = draft.NotAction;
        _resources = draft.Resources;
        _notResource = draft.NotResource;
        Principals = draft.Principals;
        NotPrincipal = draft.NotPrincipal;
        _conditions = draft.Conditions;
        _variables = draft.Variables;
        Alone = [this];
    }

    public IamPolicyDocument Document { get; }

    /// <summary>The statement's 0-based position in the document's <c>Statement</c> array.</summary>
    public int Index { get; }

    public string? Sid { get; }

    public IamEffect Effect { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The <c>Principal</c> or <c>NotPrincipal</c> element; null in documents that have none (identity policies, SCPs).</summary>
    internal PrincipalSet? Principals { get; }

    internal bool NotPrincipal { get; }

    /// <summary>This statement alone, for a decision that cites only it without allocating.</summary>
    internal ImmutableArray<IamStatement> Alone { get; }

    /// <summary>The document's name, the statement's number (1-based) and its Sid: <c>iam/read.json #2 (ReadData)</c>.</summary>
    public override string ToString() => $"{Document.Name} #{Index + 1}" + (Sid is null ? string.Empty : $" ({Sid})");

    /// <summary>Whether <c>Action</c> names the action, or <c>NotAction</c> does not; <paramref name="action"/> in any case.</summary>
    internal bool AppliesToAction(string action) => _actions.Contains(action) != _notAction;

    /// <summary>
    /// Whether the statement matches the request's resource and conditions (its action and principal are checked
    /// apart). Under <see cref="IamUnresolvedVariables.StatementDoesNotApply"/>, a variable without a default that
    /// the request does not resolve makes the statement match nothing.
    /// </summary>
    internal bool MatchesResourceAndConditions(IamRequest request, IamRequestContext context, IamUnresolvedVariables unresolved)
    {
        if (unresolved == IamUnresolvedVariables.StatementDoesNotApply)
        {
            foreach (var variable in _variables)
            {
                if (context.SingleValue(variable) is null)
                {
                    return false;
                }
            }
        }

        // A key policy statement without Resource is accepted by KMS and has no effect.
        if (_resources is null || _resources.Contains(request.Resource, context) == _notResource)
        {
            return false;
        }

        foreach (var condition in _conditions)
        {
            if (!condition.Evaluate(context))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How the statement's principal element names <paramref name="principal"/> (None when the statement has no principal element).</summary>
    internal PrincipalMatch MatchPrincipal(IamPrincipal principal, bool hasPermissionsBoundary)
    {
        if (Principals is null)
        {
            return PrincipalMatch.None;
        }

        if (!NotPrincipal)
        {
            return Principals.Match(principal);
        }

        // NotPrincipal (Deny only): everyone not exempted; AWS documents that it always denies a user or role that
        // has a permissions boundary, whatever it lists.
        var boundaryApplies = hasPermissionsBoundary && principal.Kind is IamPrincipalKind.User or IamPrincipalKind.RoleSession;
        return boundaryApplies || !Principals.Exempts(principal) ? PrincipalMatch.RoleOrEveryone : PrincipalMatch.None;
    }
}
