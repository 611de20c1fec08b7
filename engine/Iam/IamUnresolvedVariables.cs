namespace Sec08Policy.Engine.Iam;

/// <summary>
/// What a policy variable without a default does when the request lacks its key (an untagged principal and
/// <c>${aws:PrincipalTag/team}</c>). AWS documents both readings (docs/iam-engine.md, "Policy variables"); a check
/// that must hold whatever AWS does evaluates under both.
/// </summary>
public enum IamUnresolvedVariables
{
    /// <summary>
    /// The variable has no value: a condition value holding it matches nothing, so positive operators (StringEquals,
    /// StringLike, ArnLike) fail and negated ones (StringNotEquals, ...) hold; a Resource pattern holding it matches no
    /// resource. The IAM User Guide, "Policy variables with no value".
    /// </summary>
    NoValue,

    /// <summary>
    /// The statement is invalid and matches no request, whatever its effect. The IAM User Guide, note on
    /// "IAM policy elements: Variables and tags" ("If AWS cannot resolve a variable this might cause the entire
    /// statement to be invalid").
    /// </summary>
    StatementDoesNotApply,
}
