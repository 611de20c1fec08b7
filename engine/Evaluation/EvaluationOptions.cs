namespace Sec08Policy.Engine.Evaluation;

/// <summary>Settings of an evaluation; <see cref="Today"/> is injected so waiver expiry is reproducible.</summary>
public sealed record EvaluationOptions(DateOnly Today);
