namespace Sec08Policy.Engine.Resources;

/// <summary>
/// A value read from an input, or the reason it could not be known (an intrinsic function, a value Terraform knows
/// only after apply, a reference outside the inputs, an access-denied call). Security checks never guess past it.
/// </summary>
public readonly record struct Fact<T>
{
    private readonly T _value;

    private Fact(T value, string? unknownReason)
    {
        _value = value;
        UnknownReason = unknownReason;
    }

    public bool IsKnown => UnknownReason is null;

    /// <summary>Why the value is unknown; null when it is known.</summary>
    public string? UnknownReason { get; }

    public T Value => IsKnown ? _value : throw new InvalidOperationException($"the value is unknown: {UnknownReason}");

    public static Fact<T> Known(T value) => new(value, null);

    public static Fact<T> Unknown(string reason) => new(default!, reason);

    public T? ValueOrDefault => IsKnown ? _value : default;

    public Fact<TResult> Select<TResult>(Func<T, TResult> map) =>
        IsKnown ? Fact<TResult>.Known(map(_value)) : Fact<TResult>.Unknown(UnknownReason!);

    public override string ToString() => IsKnown ? $"{_value}" : $"unknown ({UnknownReason})";
}
