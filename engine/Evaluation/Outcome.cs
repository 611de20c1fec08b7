namespace Sec08Policy.Engine.Evaluation;

/// <summary>What a check says about a resource, with the reason for a failure or an unknown.</summary>
public readonly record struct Outcome(Verdict Verdict, string? Reason)
{
    public static Outcome Pass() => new(Verdict.Pass, null);

    public static Outcome Fail(string reason) => new(Verdict.Fail, reason);

    public static Outcome Unknown(string reason) => new(Verdict.Unknown, reason);

    public static Outcome NotApplicable(string reason) => new(Verdict.NotApplicable, reason);
}
