using Sec08Policy.Engine.Iam.Conditions;
using Sec08Policy.Engine.Iam.Matching;
using Sec08Policy.Engine.Iam.Principals;

namespace Sec08Policy.Engine.Iam.Parsing;

/// <summary>A statement as parsed and compiled, before its document exists (<see cref="IamStatement"/> is built from it).</summary>
internal sealed record StatementDraft(
    string? Sid,
    IamEffect Effect,
    int Line,
    int Column,
    ActionList Actions,
    bool NotAction,
    ResourceList? Resources,
    bool NotResource,
    PrincipalSet? Principals,
    bool NotPrincipal,
    ConditionClause[] Conditions,
    string[] Variables);
