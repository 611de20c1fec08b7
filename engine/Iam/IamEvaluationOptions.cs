namespace Sec08Policy.Engine.Iam;

/// <summary>Choices where AWS documents more than one behaviour.</summary>
public sealed record IamEvaluationOptions
{
    public static IamEvaluationOptions Default { get; } = new();

    /// <summary>What a policy variable does when the request lacks its key; <see cref="IamUnresolvedVariables.NoValue"/> by default.</summary>
    public IamUnresolvedVariables UnresolvedVariables { get; init; } = IamUnresolvedVariables.NoValue;
}
