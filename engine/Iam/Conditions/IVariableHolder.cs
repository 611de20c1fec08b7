namespace Sec08Policy.Engine.Iam.Conditions;

/// <summary>A clause whose policy values may hold variables (String, ARN and Bool operators).</summary>
internal interface IVariableHolder
{
    /// <summary>The keys (lower-cased) of its variables that have no default.</summary>
    IEnumerable<string> Variables { get; }
}
