using System.Collections.Immutable;

namespace Sec08Policy.Engine.Catalog.Resources;

/// <summary>
/// How one input form shows how long a resource keeps its data: <see cref="Floor"/> gives the days the data is surely
/// kept (what <c>retention at least</c> compares), <see cref="Ceiling"/> the days by which it is surely gone (what
/// <c>retention at most</c> compares). A null member, or <see cref="Unknown"/>, means the form does not show it.
/// </summary>
public sealed record RetentionSpec(DaysSpec? Floor, DaysSpec? Ceiling, string? Unknown)
{
    /// <summary>Properties whose presence leaves the retention Unknown, with why (an Aurora instance keeps its cluster's backups).</summary>
    public ImmutableArray<(PropertyPath Path, string Reason)> UnknownWhen { get; init; } = [];
}

/// <summary>How a form gives a number of days; a value of null days means forever (the data never expires).</summary>
public abstract record DaysSpec;

/// <summary>
/// The number at <see cref="Path"/> times <see cref="Scale"/> (365 for years). <see cref="Absent"/> when the property is
/// missing: a number of days, null for forever, or unknown when <see cref="AbsentKnown"/> is false.
/// <see cref="ZeroIsForever"/>: 0 means the data never expires (a Terraform log group's <c>retention_in_days</c>).
/// </summary>
public sealed record PathDaysSpec(PropertyPath Path, int? Absent, bool AbsentKnown, bool ZeroIsForever, int Scale) : DaysSpec;

/// <summary>Always this many days (null: forever).</summary>
public sealed record ConstantDaysSpec(int? Days) : DaysSpec;

/// <summary>
/// The days of each element of the list at <see cref="Items"/> that has every value of <see cref="Where"/> and none of
/// the properties in <see cref="Without"/>, read with <see cref="Item"/>; the smallest of them (or the largest when
/// <see cref="Largest"/>), or <see cref="Empty"/> when no element counts.
/// </summary>
public sealed record EachDaysSpec(
    PropertyPath Items,
    ImmutableArray<(PropertyPath Path, string Value)> Where,
    ImmutableArray<PropertyPath> Without,
    DaysSpec Item,
    bool Largest,
    DaysSpec Empty) : DaysSpec
{
    /// <summary>Properties an element must not have for its days to be known (a rule that expires on a date).</summary>
    public ImmutableArray<PropertyPath> UnknownWith { get; init; } = [];
}

/// <summary>By the value at <see cref="Path"/>: the case whose value matches (ignoring case), else <see cref="Otherwise"/>.</summary>
public sealed record SwitchDaysSpec(PropertyPath Path, ImmutableArray<(string Value, DaysSpec Then)> Cases, DaysSpec Otherwise) : DaysSpec;

/// <summary>The sum of the parts (forever when one is forever): a noncurrent version outlives its expiration.</summary>
public sealed record SumDaysSpec(ImmutableArray<DaysSpec> Parts) : DaysSpec;

/// <summary>The largest of the parts (forever when one is forever): settings that each keep the data that long.</summary>
public sealed record LargestDaysSpec(ImmutableArray<DaysSpec> Parts) : DaysSpec;
