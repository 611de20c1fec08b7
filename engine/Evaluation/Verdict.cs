namespace Sec08Policy.Engine.Evaluation;

/// <summary>The one verdict each (rule, resource) pair gets.</summary>
public enum Verdict
{
    Pass,
    Fail,

    /// <summary>The rule does not cover the resource (another service, another classification level).</summary>
    NotApplicable,

    /// <summary>A value the rule needs could not be resolved; never counted as pass or fail.</summary>
    Unknown,

    /// <summary>A waiver in force excuses a failure or an unknown.</summary>
    Waived,
}
