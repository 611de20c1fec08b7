using System.Collections.Immutable;
using System.Globalization;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler.Binding;

internal sealed partial class Binder
{
    /// <summary>The longest retention a clause may state: 100 years, the longest S3 Object Lock keeps an object.</summary>
    private const int MaxRetentionDays = 36_500;

    /// <summary>The days of <c>retention at least|at most N days</c>: a whole number from 1 (SP2090 otherwise).</summary>
    private int? BindRetentionDays(NumberLiteralSyntax days, MemberSet members)
    {
        if (int.TryParse(days.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= MaxRetentionDays)
        {
            return value;
        }

        _diagnostics.Report(Descriptors.RetentionOutOfRange, At(members, days), days.Text, MaxRetentionDays.ToString("N0", CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>An at-least above an at-most for levels both clauses cover can never hold (SP2091, at the at-most clause).</summary>
    private void CheckRetentionBounds(MemberSet members, ImmutableArray<BoundClause> clauses)
    {
        var floors = clauses.Where(c => c.Assertion.Kind == AssertionKind.RetentionAtLeast).ToList();
        foreach (var ceiling in clauses.Where(c => c.Assertion.Kind == AssertionKind.RetentionAtMost))
        {
            var conflict = floors.FirstOrDefault(f => f.Assertion.Days > ceiling.Assertion.Days && Overlap(f.Scope, ceiling.Scope));
            if (conflict is not null)
            {
                _diagnostics.Report(Descriptors.RetentionBoundsConflict, ceiling.Location, conflict.Assertion.Days!.Value, ceiling.Assertion.Days!.Value, members.Block.NameText);
            }
        }
    }

    /// <summary>Whether some level is in both scopes (no scope: every level).</summary>
    private bool Overlap(LevelScope? a, LevelScope? b) =>
        a is null || b is null || Enumerable.Range(0, Math.Max(1, _classification?.Levels.Length ?? 0)).Any(rank => a.Includes(rank) && b.Includes(rank));
}
