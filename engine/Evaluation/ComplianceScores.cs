using System.Collections.Immutable;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>
/// How one control of a framework stands: the rules mapped to it, and the distinct resources they apply to, each
/// counted once under the worst of its verdicts for those rules (fail, then unknown, then waived, then pass).
/// </summary>
public sealed record ControlScore(string Control, ImmutableArray<string> Rules, int Passing, int Failing, int Unknown, int Waived)
{
    public int Resources => Passing + Failing + Unknown + Waived;

    /// <summary>Whether any resource falls under the control; a control nothing falls under is not assessed.</summary>
    public bool Assessed => Resources > 0;

    /// <summary>Assessed, and every resource it applies to passes.</summary>
    public bool FullyPassing => Assessed && Passing == Resources;
}

/// <summary>A framework the policy maps rules to, its controls, and the share of assessed controls fully passing.</summary>
public sealed record FrameworkScore(string Framework, string Title, ImmutableArray<ControlScore> Controls)
{
    public int Assessed => Controls.Count(c => c.Assessed);

    public int FullyPassing => Controls.Count(c => c.FullyPassing);

    /// <summary>Null when no control is assessed.</summary>
    public double? Percent => Assessed == 0 ? null : 100.0 * FullyPassing / Assessed;
}

/// <summary>The compliance scores of an evaluation, computed once from its findings for every report.</summary>
public static class ComplianceScores
{
    public static ImmutableArray<FrameworkScore> Compute(EvaluationResult result)
    {
        var controls = new Dictionary<(string Framework, string Control), (SortedSet<string> Rules, Dictionary<Resource, Verdict> Worst)>();
        foreach (var rule in result.Policy.Rules)
        {
            foreach (var reference in rule.Compliance)
            {
                if (!controls.TryGetValue((reference.Framework, reference.Control), out var entry))
                {
                    entry = (new SortedSet<string>(StringComparer.Ordinal), new Dictionary<Resource, Verdict>(ReferenceEqualityComparer.Instance));
                    controls.Add((reference.Framework, reference.Control), entry);
                }

                entry.Rules.Add(rule.Id);
            }
        }

        foreach (var finding in result.Findings)
        {
            foreach (var reference in finding.Rule.Compliance)
            {
                var worst = controls[(reference.Framework, reference.Control)].Worst;
                if (!worst.TryGetValue(finding.Resource, out var seen) || Rank(finding.Verdict) > Rank(seen))
                {
                    worst[finding.Resource] = finding.Verdict;
                }
            }
        }

        return [.. controls
            .GroupBy(c => c.Key.Framework, StringComparer.Ordinal)
            .OrderBy(g => FrameworkOrder(g.Key))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FrameworkScore(
                g.Key,
                ComplianceFrameworks.Find(g.Key)?.Title ?? g.Key,
                [.. g.OrderBy(c => c.Key.Control, NaturalOrder.Instance).Select(c => Score(c.Key.Control, c.Value.Rules, c.Value.Worst))]))];
    }

    private static ControlScore Score(string control, SortedSet<string> rules, Dictionary<Resource, Verdict> worst) => new(
        control,
        [.. rules],
        worst.Values.Count(v => v == Verdict.Pass),
        worst.Values.Count(v => v == Verdict.Fail),
        worst.Values.Count(v => v == Verdict.Unknown),
        worst.Values.Count(v => v == Verdict.Waived));

    private static int Rank(Verdict verdict) => verdict switch
    {
        Verdict.Fail => 3,
        Verdict.Unknown => 2,
        Verdict.Waived => 1,
        _ => 0,
    };

    private static int FrameworkOrder(string name)
    {
        for (var i = 0; i < ComplianceFrameworks.All.Count; i++)
        {
            if (ComplianceFrameworks.All[i].Name == name)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>Orders control identifiers as people number them: <c>3.5.1</c> before <c>3.10</c>, <c>SC-12</c> before <c>SC-28</c>.</summary>
    private sealed class NaturalOrder : IComparer<string>
    {
        public static readonly NaturalOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (a, b) = (x ?? string.Empty, y ?? string.Empty);
            int i = 0, j = 0;
            while (i < a.Length && j < b.Length)
            {
                if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
                {
                    var (startA, startB) = (i, j);
                    while (i < a.Length && char.IsAsciiDigit(a[i]))
                    {
                        i++;
                    }

                    while (j < b.Length && char.IsAsciiDigit(b[j]))
                    {
                        j++;
                    }

                    // Numbers of any length: without leading zeros, the longer is larger, else digit by digit.
                    var (numberA, numberB) = (a[startA..i].TrimStart('0'), b[startB..j].TrimStart('0'));
                    var byNumber = numberA.Length != numberB.Length ? numberA.Length.CompareTo(numberB.Length) : string.CompareOrdinal(numberA, numberB);
                    if (byNumber != 0)
                    {
                        return byNumber;
                    }
                }
                else
                {
                    var byChar = a[i].CompareTo(b[j]);
                    if (byChar != 0)
                    {
                        return byChar;
                    }

                    i++;
                    j++;
                }
            }

            return (a.Length - i).CompareTo(b.Length - j) is var rest && rest != 0 ? rest : string.CompareOrdinal(a, b);
        }
    }
}
