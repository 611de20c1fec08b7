namespace Sec08Policy.Engine.Iam.Conditions;

/// <summary>One key of a request context with its values, and each value read as a number, date or address once, when first compared.</summary>
internal sealed class ContextEntry(string key, string[] values)
{
    private decimal?[]? _numbers;
    private long?[]? _dates;
    private IpValue?[]? _addresses;

    /// <summary>The key as first spelled.</summary>
    public string Key { get; } = key;

    public string[] Values { get; } = values;

    public decimal?[] Numbers => _numbers ??= [.. Values.Select(v => ConditionValues.TryNumber(v, out var n) ? n : (decimal?)null)];

    public long?[] Dates => _dates ??= [.. Values.Select(v => ConditionValues.TryDate(v, out var d) ? d : (long?)null)];

    public IpValue?[] Addresses => _addresses ??= [.. Values.Select(v => IpValue.TryParse(v, out var a) ? a : (IpValue?)null)];
}
