using System.Collections.Immutable;
using System.Text.Json;

namespace Sec08Policy.Engine.Catalog.Resources;

/// <summary>The <c>copies</c> and <c>retention</c> members of an input form.</summary>
internal static partial class CatalogReader
{
    /// <summary>
    /// An encryption spec for the copies; <c>"encryption"</c> (alone or as a part of <c>all</c>) stands for the form's
    /// own encryption spec, for a resource that is itself a copy or whose copies take its key.
    /// </summary>
    private static EncryptionSpec? OptionalCopies(JsonElement e, EncryptionSpec? encryption) =>
        e.TryGetProperty("copies", out var copies) ? Copies(copies, encryption) : null;

    private static EncryptionSpec Copies(JsonElement e, EncryptionSpec? encryption) =>
        Substitute(Spec(e), encryption ?? throw new FormatException("`copies` needs the form's `encryption`"));

    /// <summary>The spec with each <see cref="OwnEncryptionSpec"/> replaced by the form's encryption spec.</summary>
    private static EncryptionSpec Substitute(EncryptionSpec spec, EncryptionSpec encryption) => spec switch
    {
        OwnEncryptionSpec => encryption,
        SwitchSpec s => s with
        {
            Cases = [.. s.Cases.Select(c => c with { Then = Substitute(c.Then, encryption) })],
            Present = s.Present is null ? null : Substitute(s.Present, encryption),
            Absent = Substitute(s.Absent, encryption),
            Other = s.Other is null ? null : Substitute(s.Other, encryption),
        },
        AllSpec a => new AllSpec([.. a.Parts.Select(p => Substitute(p, encryption))]),
        EachSpec each => each with { Item = Substitute(each.Item, encryption), Empty = Substitute(each.Empty, encryption) },
        _ => spec,
    };

    private static RetentionSpec? OptionalRetention(JsonElement e)
    {
        if (!e.TryGetProperty("retention", out var retention))
        {
            return null;
        }

        Expect(retention, "floor", "ceiling", "unknown", "unknownWhen");
        return new RetentionSpec(
            retention.TryGetProperty("floor", out var floor) ? Days(floor) : null,
            retention.TryGetProperty("ceiling", out var ceiling) ? Days(ceiling) : null,
            OptionalText(retention, "unknown"))
        {
            UnknownWhen = retention.TryGetProperty("unknownWhen", out var when)
                ? [.. when.EnumerateObject().Select(p => (PropertyPath.Parse(p.Name), p.Value.GetString()!))]
                : [],
        };
    }

    /// <summary>
    /// A days spec: a number or <c>"forever"</c>; <c>{"path", "absent", "zero", "unit"}</c>; <c>{"each", "where",
    /// "without", "item", "combine", "empty"}</c>; or <c>{"largest": [...]}</c>.
    /// </summary>
    private static DaysSpec Days(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                return new ConstantDaysSpec(e.GetInt32());
            case JsonValueKind.String when e.GetString() == "forever":
                return new ConstantDaysSpec(null);
        }

        if (e.TryGetProperty("largest", out var parts))
        {
            Expect(e, "largest");
            return new LargestDaysSpec([.. parts.EnumerateArray().Select(Days)]);
        }

        if (e.TryGetProperty("sum", out var terms))
        {
            Expect(e, "sum");
            return new SumDaysSpec([.. terms.EnumerateArray().Select(Days)]);
        }

        if (e.TryGetProperty("switch", out var on))
        {
            Expect(e, "switch", "cases", "otherwise");
            return new SwitchDaysSpec(
                PropertyPath.Parse(on.GetString()!),
                [.. e.GetProperty("cases").EnumerateObject().Select(c => (c.Name, Days(c.Value)))],
                Days(e.GetProperty("otherwise")));
        }

        if (e.TryGetProperty("each", out var items))
        {
            Expect(e, "each", "where", "without", "unknownWith", "item", "combine", "empty");
            var where = e.TryGetProperty("where", out var w)
                ? w.EnumerateObject().Select(p => (PropertyPath.Parse(p.Name), p.Value.GetString()!)).ToImmutableArray()
                : [];
            var combine = Text(e, "combine");
            if (combine is not ("smallest" or "largest"))
            {
                throw new FormatException($"`combine` is `{combine}`; expected `smallest` or `largest`");
            }

            return new EachDaysSpec(
                PropertyPath.Parse(items.GetString()!),
                where,
                [.. Array(e, "without").Select(p => PropertyPath.Parse(p.GetString()!))],
                Days(e.GetProperty("item")),
                combine == "largest",
                Days(e.GetProperty("empty")))
            {
                UnknownWith = [.. Array(e, "unknownWith").Select(p => PropertyPath.Parse(p.GetString()!))],
            };
        }

        Expect(e, "path", "absent", "zero", "unit");
        var absentKnown = e.TryGetProperty("absent", out var absent);
        int? absentDays = !absentKnown ? null : absent.ValueKind == JsonValueKind.Number ? absent.GetInt32()
            : absent.GetString() == "forever" ? null : throw new FormatException($"`absent` is {absent.GetRawText()}; expected a number or `forever`");
        var zero = OptionalText(e, "zero");
        if (zero is not (null or "forever"))
        {
            throw new FormatException($"`zero` is `{zero}`; expected `forever`");
        }

        var unit = OptionalText(e, "unit") ?? "days";
        return new PathDaysSpec(
            PropertyPath.Parse(Text(e, "path")),
            absentDays,
            absentKnown,
            zero is not null,
            unit switch
            {
                "days" => 1,
                "years" => 365,
                _ => throw new FormatException($"`unit` is `{unit}`; expected `days` or `years`"),
            });
    }
}
