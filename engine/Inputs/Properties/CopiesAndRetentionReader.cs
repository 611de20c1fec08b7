using System.Collections.Concurrent;
using System.Globalization;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Properties;

/// <summary>
/// Reads what one input form shows of a data resource's copies and retention, from the catalogue's <c>copies</c> and
/// <c>retention</c> members of that form. A type some form shows them for, read from a form that does not, is Unknown.
/// </summary>
internal static class CopiesAndRetentionReader
{
    private static readonly ConcurrentDictionary<string, (EncryptionState Copies, RetentionFacts Retention)> s_notShown = new(StringComparer.Ordinal);

    /// <summary>The resource with its <paramref name="encryption"/> reading and its copies and retention, in one copy of the record.</summary>
    /// <param name="form">How messages name the input: <c>a template</c>, <c>a plan</c>, <c>a configuration item</c>.</param>
    public static Resource Apply(Resource resource, Reading encryption, EncryptionSpec? copies, RetentionSpec? retention, PropertySource source, string form) =>
        Read(resource.Entry, encryption, copies, retention, source, form).ApplyTo(resource);

    /// <summary>What <paramref name="copies"/> and <paramref name="retention"/> read, with the <paramref name="encryption"/> reading.</summary>
    public static DataStoreFacts Read(ResourceEntry? entry, Reading encryption, EncryptionSpec? copies, RetentionSpec? retention, PropertySource source, string form)
    {
        var facts = new DataStoreFacts(encryption.State, encryption.State is null ? encryption.NothingStored : null, null, null, null);
        if (entry is null)
        {
            return facts;
        }

        if (copies is not null)
        {
            var reading = EncryptionReader.Read(copies, source);
            facts = facts with { Copies = reading.State, NothingCopied = reading.State is null ? reading.NothingStored : null };
        }
        else if (entry.MakesCopies)
        {
            facts = facts with { Copies = NotShown(form).Copies };
        }

        if (retention is not null)
        {
            facts = facts with { Retention = Read(retention, source) };
        }
        else if (entry.KeepsRetention)
        {
            facts = facts with { Retention = NotShown(form).Retention };
        }

        return facts;
    }

    /// <summary>What a form that does not show copies or retention leaves, made once per form: both are immutable.</summary>
    private static (EncryptionState Copies, RetentionFacts Retention) NotShown(string form) =>
        s_notShown.GetOrAdd(form, static f => (
            EncryptionState.Unknown($"{f} does not show the encryption of its copies"),
            RetentionFacts.Unknown($"{f} does not show how long it keeps its data")));

    private static RetentionFacts Read(RetentionSpec spec, PropertySource source)
    {
        if (spec.Unknown is { } reason)
        {
            return RetentionFacts.Unknown(reason);
        }

        foreach (var (path, why) in spec.UnknownWhen)
        {
            var value = source.Get(path);
            if (value.State != PropertyState.Absent)
            {
                return RetentionFacts.Unknown(value.IsUndecided ? value.Reason ?? why : why);
            }
        }

        return new RetentionFacts(
            spec.Floor is null ? Fact<int?>.Unknown("the input does not show how long the data is surely kept") : Days(spec.Floor, source),
            spec.Ceiling is null ? Fact<int?>.Unknown("the input does not show when the data is deleted") : Days(spec.Ceiling, source));
    }

    private static Fact<int?> Days(DaysSpec spec, PropertySource source) => spec switch
    {
        ConstantDaysSpec constant => Fact<int?>.Known(constant.Days),
        PathDaysSpec path => Path(path, source),
        EachDaysSpec each => Each(each, source),
        LargestDaysSpec largest => Combine([.. largest.Parts.Select(p => Days(p, source))], largest: true),
        SumDaysSpec sum => Sum([.. sum.Parts.Select(p => Days(p, source))]),
        SwitchDaysSpec choice => Switch(choice, source),
        _ => throw new InvalidOperationException($"unexpected days spec {spec.GetType().Name}"),
    };

    private static Fact<int?> Path(PathDaysSpec spec, PropertySource source)
    {
        var value = source.Get(spec.Path);
        var where = spec.Path.Under(source.Prefix);
        switch (value.State)
        {
            case PropertyState.Absent:
                return spec.AbsentKnown ? Fact<int?>.Known(spec.Absent) : Fact<int?>.Unknown($"the input has no `{where}`");
            case PropertyState.Text:
                if (!long.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > int.MaxValue / spec.Scale)
                {
                    return Fact<int?>.Unknown($"`{where}` is `{value.Text}`, not a whole number of {(spec.Scale == 1 ? "days" : "years")}");
                }

                return number == 0 && spec.ZeroIsForever ? Fact<int?>.Known(null) : Fact<int?>.Known((int)number * spec.Scale);
            default:
                return Fact<int?>.Unknown(value.Reason ?? $"`{where}` is not a number");
        }
    }

    private static Fact<int?> Switch(SwitchDaysSpec spec, PropertySource source)
    {
        var value = source.Get(spec.Path);
        if (value.IsUndecided || value.State == PropertyState.Composite)
        {
            return Fact<int?>.Unknown(value.Reason ?? $"`{spec.Path.Under(source.Prefix)}` is not a value");
        }

        var match = spec.Cases.FirstOrDefault(c => string.Equals(c.Value, value.Text, StringComparison.OrdinalIgnoreCase));
        return Days(match.Then ?? spec.Otherwise, source);
    }

    /// <summary>The sum of known days; forever when one is forever.</summary>
    private static Fact<int?> Sum(IReadOnlyList<Fact<int?>> days)
    {
        if (days.Any(d => d is { IsKnown: true, Value: null }))
        {
            return Fact<int?>.Known(null);
        }

        if (days.FirstOrDefault(d => !d.IsKnown) is { IsKnown: false } unknown)
        {
            return unknown;
        }

        var total = days.Sum(d => (long)d.Value!.Value);
        return Fact<int?>.Known(total > int.MaxValue ? null : (int)total);
    }

    private static Fact<int?> Each(EachDaysSpec spec, PropertySource source)
    {
        var elements = source.Elements(spec.Items, out var undecided);
        if (elements is null)
        {
            return Fact<int?>.Unknown(undecided.Reason ?? $"`{spec.Items.Under(source.Prefix)}` cannot be read");
        }

        var days = new List<Fact<int?>>();
        foreach (var element in elements)
        {
            if (Counts(spec, element) is not { } counts)
            {
                days.Add(Fact<int?>.Unknown($"whether the element at `{element.Prefix}` applies cannot be told"));
            }
            else if (counts)
            {
                days.Add(Days(spec.Item, element));
            }
        }

        return days.Count == 0 ? Days(spec.Empty, source) : Combine(days, spec.Largest);
    }

    /// <summary>Whether an element counts (its <c>where</c> values match, it has none of the <c>without</c> properties); null when that cannot be told.</summary>
    private static bool? Counts(EachDaysSpec spec, PropertySource element)
    {
        if (spec.UnknownWith.Any(p => element.Get(p).State != PropertyState.Absent))
        {
            return null;
        }

        foreach (var (path, expected) in spec.Where)
        {
            var value = element.Get(path);
            if (value.IsUndecided || value.State == PropertyState.Composite)
            {
                return null;
            }

            if (!string.Equals(value.Text, expected, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        foreach (var path in spec.Without)
        {
            var value = element.Get(path);
            if (value.IsUndecided)
            {
                return null;
            }

            if (value.State != PropertyState.Absent)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The smallest or largest of known days (null, forever, is the largest); Unknown when one that could decide is.</summary>
    private static Fact<int?> Combine(IReadOnlyList<Fact<int?>> days, bool largest)
    {
        if (largest && days.Any(d => d is { IsKnown: true, Value: null }))
        {
            return Fact<int?>.Known(null);
        }

        if (days.FirstOrDefault(d => !d.IsKnown) is { IsKnown: false } unknown)
        {
            return unknown;
        }

        var values = days.Select(d => d.Value).ToList();
        if (largest)
        {
            return Fact<int?>.Known(values.Max());
        }

        var finite = values.Where(v => v is not null).ToList();
        return Fact<int?>.Known(finite.Count == 0 ? null : finite.Min());
    }
}
