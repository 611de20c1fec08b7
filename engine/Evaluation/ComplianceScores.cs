using System.Collections.Immutable;
using Sec08Policy.Engine.Model;

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
        var counter = new ComplianceCounter(result.Policy);
        // The evaluator gives a resource's findings together; grouping 100,000 resources' findings anew cost more than
        // the counting, so they are grouped only when they do not come together.
        var findings = FindingsTogether(result.Findings)
            ? result.Findings
            : result.Findings.GroupBy(f => f.Resource, ReferenceEqualityComparer.Instance).SelectMany(g => g);
        foreach (var finding in findings)
        {
            counter.Add(finding);
        }

        return Compute(counter);
    }

    private static bool FindingsTogether(ImmutableArray<Finding> findings)
    {
        var done = new HashSet<object>(ReferenceEqualityComparer.Instance);
        object? current = null;
        foreach (var finding in findings)
        {
            if (!ReferenceEquals(finding.Resource, current))
            {
                if (!done.Add(finding.Resource))
                {
                    return false;
                }

                current = finding.Resource;
            }
        }

        return true;
    }

    /// <summary>The scores of the counts a streamed evaluation kept.</summary>
    internal static ImmutableArray<FrameworkScore> Compute(ComplianceCounter counter) =>
        [.. counter.Controls
            .GroupBy(c => c.Framework, StringComparer.Ordinal)
            .OrderBy(g => FrameworkOrder(g.Key))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FrameworkScore(
                g.Key,
                ComplianceFrameworks.Find(g.Key)?.Title ?? g.Key,
                [.. g.OrderBy(c => c.Control, NaturalOrder.Instance).Select(c => new ControlScore(
                    c.Control,
                    [.. c.Rules],
                    c.Resources[(int)Verdict.Pass],
                    c.Resources[(int)Verdict.Fail],
                    c.Resources[(int)Verdict.Unknown],
                    c.Resources[(int)Verdict.Waived]))]))];

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
