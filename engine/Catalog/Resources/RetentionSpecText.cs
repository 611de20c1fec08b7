namespace Sec08Policy.Engine.Catalog.Resources;

/// <summary>A retention spec in words, for docs/resources.md.</summary>
public static class RetentionSpecText
{
    public static IEnumerable<string> Lines(RetentionSpec spec)
    {
        if (spec.Unknown is { } reason)
        {
            yield return $"- Unknown ({reason})";
            yield break;
        }

        foreach (var (path, why) in spec.UnknownWhen)
        {
            yield return $"- Unknown when `{path}` is set ({why})";
        }

        yield return $"- kept at least (`retention at least`): {(spec.Floor is null ? "Unknown" : Days(spec.Floor))}";
        yield return $"- gone by (`retention at most`): {(spec.Ceiling is null ? "Unknown" : Days(spec.Ceiling))}";
    }

    private static string Days(DaysSpec spec) => spec switch
    {
        ConstantDaysSpec { Days: null } => "forever",
        ConstantDaysSpec constant => $"{constant.Days} days",
        PathDaysSpec path => $"`{path.Path}`{(path.Scale == 365 ? " years" : " days")}"
            + (path.AbsentKnown ? $", {(path.Absent is { } days ? $"{days} days" : "forever")} when not set" : ", Unknown when not set")
            + (path.ZeroIsForever ? ", forever when 0" : string.Empty),
        EachDaysSpec each => $"the {(each.Largest ? "largest" : "smallest")} of every element of `{each.Items}`"
            + (each.Where.IsEmpty ? string.Empty : $" where {string.Join(" and ", each.Where.Select(w => $"`{w.Path}` is `{w.Value}`"))}")
            + (each.Without.IsEmpty ? string.Empty : $" without {string.Join(", ", each.Without.Select(w => $"`{w}`"))}")
            + (each.UnknownWith.IsEmpty ? string.Empty : $" (Unknown with {string.Join(", ", each.UnknownWith.Select(w => $"`{w}`"))})")
            + $": {Days(each.Item)}; {Days(each.Empty)} when there is none",
        LargestDaysSpec largest => $"the largest of ({string.Join("; ", largest.Parts.Select(Days))})",
        SumDaysSpec sum => $"the sum of ({string.Join("; ", sum.Parts.Select(Days))})",
        SwitchDaysSpec choice => $"by `{choice.Path}`: {string.Join("; ", choice.Cases.Select(c => $"`{c.Value}`: {Days(c.Then)}"))}; otherwise {Days(choice.Otherwise)}",
        _ => spec.GetType().Name,
    };
}
