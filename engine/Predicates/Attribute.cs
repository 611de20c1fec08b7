namespace Sec08Policy.Engine.Predicates;

/// <summary>Whose attribute a condition reads.</summary>
public enum AttributeScope
{
    Principal,
    Resource,
    Request,
}

/// <summary>An operand of an access condition.</summary>
public abstract record Operand;

/// <summary>A tag of the principal, the resource or the request.</summary>
public sealed record TagOperand(AttributeScope Scope, string Key) : Operand
{
    public override string ToString() => $"{Scope.ToString().ToLowerInvariant()}.tag.{Key}";
}

/// <summary>A literal string.</summary>
public sealed record StringOperand(string Value) : Operand;
