using System.Collections.Immutable;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Engine.Verification;

/// <summary>An attribute a condition reads: a tag of the principal, of the resource, or of the request.</summary>
internal readonly record struct Probe(AttributeScope Scope, string Key);

/// <summary>
/// The attribute values at the decision boundary of an access condition. For each way the condition can hold (each
/// alternative of its disjunctive normal form) one assignment that makes it hold; then that assignment with one
/// attribute changed to each value that matters: missing, each literal it is compared with, another value, the
/// value of the tag it is compared with (equal) and a different one, every level and a value that is no level.
/// </summary>
internal sealed class ConditionProbes(ClassificationScheme? scheme)
{
    /// <summary>Alternatives beyond this are not expanded; the rest of the condition still gets its variations.</summary>
    private const int MaxAlternatives = 64;

    private const string NotALevel = "not-a-level";

    private readonly ImmutableArray<string> _levels = scheme?.Levels ?? [];

    public IEnumerable<ImmutableDictionary<Probe, string?>> Assignments(Predicate? condition)
    {
        if (condition is null)
        {
            yield return ImmutableDictionary<Probe, string?>.Empty;
            yield break;
        }

        var values = new Dictionary<Probe, HashSet<string?>>();
        var levelRead = new HashSet<Probe>();
        Collect(condition, values, levelRead);
        foreach (var probe in values.Keys)
        {
            values[probe].Add(null);
            values[probe].Add("other-value");
            if (levelRead.Contains(probe))
            {
                values[probe].UnionWith(_levels);
                values[probe].Add(NotALevel);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alternative in Alternatives(condition).Take(MaxAlternatives))
        {
            var base_ = Satisfy(alternative);
            foreach (var assignment in Variations(base_, values))
            {
                if (seen.Add(string.Join('\n', assignment.OrderBy(a => a.Key.ToString(), StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value ?? "\0"}"))))
                {
                    yield return assignment;
                }
            }
        }
    }

    private static IEnumerable<ImmutableDictionary<Probe, string?>> Variations(ImmutableDictionary<Probe, string?> base_, Dictionary<Probe, HashSet<string?>> values)
    {
        yield return base_;
        foreach (var (probe, candidates) in values)
        {
            foreach (var value in candidates.Concat(base_.Values).Distinct())
            {
                yield return base_.SetItem(probe, value);
            }
        }
    }

    /// <summary>Values that make every atom of one alternative hold (as far as they agree).</summary>
    private static ImmutableDictionary<Probe, string?> Satisfy(List<Predicate> atoms)
    {
        var assignment = ImmutableDictionary<Probe, string?>.Empty;
        foreach (var atom in atoms)
        {
            switch (atom)
            {
                case EqualsPredicate e:
                    assignment = Compare(assignment, e.Left, [e.Right], e.Negated);
                    break;
                case InPredicate i:
                    assignment = Compare(assignment, i.Operand, i.Values, i.Negated);
                    break;
                case LevelInPredicate l:
                    assignment = assignment.SetItem(Of(l.Tag), l.Levels.IsEmpty ? NotALevel : l.Levels[0]);
                    break;
            }
        }

        return assignment;
    }

    private static ImmutableDictionary<Probe, string?> Compare(ImmutableDictionary<Probe, string?> assignment, Operand left, ImmutableArray<Operand> right, bool negated)
    {
        if (left is not TagOperand tag)
        {
            return right is [TagOperand only] ? Compare(assignment, only, [left], negated) : assignment;
        }

        var probe = Of(tag);
        if (negated)
        {
            foreach (var other in right.OfType<TagOperand>())
            {
                assignment = assignment.SetItem(Of(other), "value-of-" + other.Key);
            }

            return assignment.SetItem(probe, "none-of-these");
        }

        return right[0] switch
        {
            StringOperand s => assignment.SetItem(probe, s.Value),
            TagOperand t => assignment.TryGetValue(Of(t), out var known) && known is not null
                ? assignment.SetItem(probe, known)
                : assignment.SetItem(probe, "shared-" + tag.Key).SetItem(Of(t), "shared-" + tag.Key),
            _ => assignment,
        };
    }

    private static void Collect(Predicate predicate, Dictionary<Probe, HashSet<string?>> values, HashSet<Probe> levelRead)
    {
        void Add(Operand operand, IEnumerable<Operand> others)
        {
            if (operand is not TagOperand tag)
            {
                return;
            }

            var set = values.TryGetValue(Of(tag), out var existing) ? existing : values[Of(tag)] = [];
            set.UnionWith(others.OfType<StringOperand>().Select(s => s.Value));
        }

        switch (predicate)
        {
            case AndPredicate and:
                and.Operands.ToList().ForEach(o => Collect(o, values, levelRead));
                break;
            case OrPredicate or:
                or.Operands.ToList().ForEach(o => Collect(o, values, levelRead));
                break;
            case NotPredicate not:
                Collect(not.Operand, values, levelRead);
                break;
            case EqualsPredicate e:
                Add(e.Left, [e.Right]);
                Add(e.Right, [e.Left]);
                break;
            case InPredicate i:
                Add(i.Operand, i.Values);
                foreach (var value in i.Values)
                {
                    Add(value, [i.Operand]);
                }

                break;
            case LevelInPredicate l:
                Add(l.Tag, []);
                levelRead.Add(Of(l.Tag));
                break;
        }
    }

    /// <summary>The condition in disjunctive normal form: each alternative a list of atoms.</summary>
    private static IEnumerable<List<Predicate>> Alternatives(Predicate predicate) => predicate switch
    {
        OrPredicate or => or.Operands.SelectMany(Alternatives),
        AndPredicate and => and.Operands.Aggregate(
            (IEnumerable<List<Predicate>>)[[]],
            (partial, operand) => partial.SelectMany(p => Alternatives(operand).Take(MaxAlternatives).Select(a => (List<Predicate>)[.. p, .. a])).Take(MaxAlternatives)),
        ConstantPredicate { Value: false } => [],
        ConstantPredicate => [[]],
        _ => [[predicate]],
    };

    private static Probe Of(TagOperand tag) => new(tag.Scope, tag.Key);
}
