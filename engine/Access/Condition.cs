using System.Collections.Frozen;
using System.Collections.Immutable;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// An access condition compiled for deciding many requests: attributes read through numbered slots, levels as bit
/// masks. <see cref="Explain"/> names the atoms that made it hold.
/// </summary>
internal abstract class Condition
{
    public abstract bool Holds(RequestView request);

    /// <summary>Adds, for a condition that holds, the atoms that make it hold.</summary>
    public abstract void Explain(RequestView request, List<string> atoms);

    public static Condition Compile(Predicate predicate, ClassificationScheme? scheme, AttributeTable attributes) =>
        new Compiler(scheme, attributes).Compile(predicate);

    private sealed class Compiler(ClassificationScheme? scheme, AttributeTable attributes)
    {
        private readonly FrozenDictionary<string, int> _levels = (scheme?.Levels ?? [])
            .Select((level, rank) => (level, rank))
            .ToFrozenDictionary(x => x.level, x => x.rank, StringComparer.Ordinal);

        public Condition Compile(Predicate predicate) => predicate switch
        {
            AndPredicate and => new All([.. and.Operands.Select(Compile)]),
            OrPredicate or => new Any([.. or.Operands.Select(Compile)]),
            NotPredicate not => new Negation(Compile(not.Operand)),
            ConstantPredicate constant => new Constant(constant.Value),
            EqualsPredicate { Left: ContextOperand context } equals => new ContextTest(Slot(context), context.Attribute, [Literal(equals.Right)], equals.Negated),
            InPredicate { Operand: ContextOperand context } @in => new ContextTest(Slot(context), context.Attribute, [.. @in.Values.Select(Literal)], @in.Negated),
            OrderPredicate order => new OrderTest(Slot(order.Operand), order),
            EqualsPredicate equals => new Comparison(Operand(equals.Left), [Operand(equals.Right)], equals.Negated),
            InPredicate @in => new Comparison(Operand(@in.Operand), [.. @in.Values.Select(Operand)], @in.Negated),
            LevelInPredicate level => new LevelTest(
                Slot(level.Tag),
                level.Tag.ToString(),
                level.Levels,
                level.Levels.Aggregate(0UL, (mask, l) => mask | (1UL << _levels[l])),
                _levels,
                level.IsClassification && scheme?.DefaultLevel is { } defaultLevel ? _levels[defaultLevel] : -2,
                level.IsClassification,
                level.MatchUnknown),
            _ => throw new ArgumentOutOfRangeException(nameof(predicate), predicate.GetType().Name, "not an access condition"),
        };

        private ValueSource Operand(Operand operand) => operand switch
        {
            TagOperand tag => new ValueSource(Slot(tag), null, tag.ToString()),
            StringOperand text => new ValueSource(-1, text.Value, $"\"{text.Value}\""),
            _ => throw new ArgumentOutOfRangeException(nameof(operand), operand.GetType().Name, "unexpected operand"),
        };

        private int Slot(ContextOperand context) => attributes.Slot(new Attribute(AttributeSource.RequestContext, context.Attribute.IamKey));

        private static string Literal(Operand operand) =>
            (operand as StringOperand)?.Value ?? throw new ArgumentOutOfRangeException(nameof(operand), operand.GetType().Name, "an attribute is compared with literals only");

        private int Slot(TagOperand tag) => attributes.Slot(tag.Scope switch
        {
            AttributeScope.Principal => new Attribute(AttributeSource.PrincipalTag, tag.Key),
            AttributeScope.Resource => new Attribute(AttributeSource.ResourceTag, tag.Key),
            _ => new Attribute(AttributeSource.RequestContext, RequestTagKey(tag.Key)),
        });
    }

    /// <summary>The context key of <c>request.tag.K</c>: <c>aws:RequestTag/K</c>, or K itself when it is a global <c>aws:</c> key.</summary>
    public static string RequestTagKey(string key) =>
        key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) ? key : "aws:RequestTag/" + key;

    /// <summary>A literal, or the slot of an attribute.</summary>
    private readonly record struct ValueSource(int Slot, string? Literal, string Text)
    {
        public string? Read(RequestView request) => Slot < 0 ? Literal : request.Value(Slot);
    }

    private sealed class All(ImmutableArray<Condition> operands) : Condition
    {
        public override bool Holds(RequestView request)
        {
            foreach (var operand in operands)
            {
                if (!operand.Holds(request))
                {
                    return false;
                }
            }

            return true;
        }

        public override void Explain(RequestView request, List<string> atoms)
        {
            foreach (var operand in operands)
            {
                operand.Explain(request, atoms);
            }
        }
    }

    private sealed class Any(ImmutableArray<Condition> operands) : Condition
    {
        public override bool Holds(RequestView request)
        {
            foreach (var operand in operands)
            {
                if (operand.Holds(request))
                {
                    return true;
                }
            }

            return false;
        }

        public override void Explain(RequestView request, List<string> atoms) =>
            operands.FirstOrDefault(o => o.Holds(request))?.Explain(request, atoms);
    }

    private sealed class Negation(Condition operand) : Condition
    {
        public override bool Holds(RequestView request) => !operand.Holds(request);

        public override void Explain(RequestView request, List<string> atoms) => atoms.Add("not (...)");
    }

    private sealed class Constant(bool value) : Condition
    {
        public override bool Holds(RequestView request) => value;

        public override void Explain(RequestView request, List<string> atoms) => atoms.Add(value ? "true" : "false");
    }

    /// <summary>
    /// <c>a == b</c>, <c>a in [...]</c> and their negations. A missing value equals nothing: <c>==</c> and <c>in</c>
    /// are false with a missing left side, and a missing value on the right matches nothing; the negations are
    /// their complement.
    /// </summary>
    private sealed class Comparison(ValueSource left, ImmutableArray<ValueSource> values, bool negated) : Condition
    {
        public override bool Holds(RequestView request) => Matches(request) != negated;

        private bool Matches(RequestView request)
        {
            var value = left.Read(request);
            if (value is null)
            {
                return false;
            }

            foreach (var candidate in values)
            {
                if (string.Equals(candidate.Read(request), value, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        public override void Explain(RequestView request, List<string> atoms)
        {
            var shown = left.Read(request) is { } value ? $"{left.Text} (\"{value}\")" : $"{left.Text} (missing)";
            var list = values.Length == 1 ? Show(values[0], request) : $"[{string.Join(", ", values.Select(v => Show(v, request)))}]";
            var op = values.Length == 1 ? (negated ? "!=" : "==") : (negated ? "not in" : "in");
            atoms.Add($"{shown} {op} {list}");
        }

        private static string Show(ValueSource source, RequestView request) =>
            source.Slot < 0 ? source.Text : source.Read(request) is { } value ? $"{source.Text} (\"{value}\")" : $"{source.Text} (missing)";
    }

    /// <summary>
    /// A request or principal attribute in a list of literals, matched as its kind says: exactly, a Boolean in any case,
    /// an address within a CIDR block, an ARN against a pattern. A missing attribute matches nothing; the negation is
    /// the complement.
    /// </summary>
    private sealed class ContextTest(int slot, ContextAttribute attribute, ImmutableArray<string> values, bool negated) : Condition
    {
        private readonly ImmutableArray<Iam.Conditions.IpValue> _blocks = attribute.Kind == ContextValueKind.Address
            ? [.. values.Select(v => Iam.Conditions.IpValue.TryParse(v, out var block) ? block : default)]
            : [];

        public override bool Holds(RequestView request) => Matches(request.Value(slot)) != negated;

        private bool Matches(string? value)
        {
            if (value is null)
            {
                return false;
            }

            switch (attribute.Kind)
            {
                case ContextValueKind.Boolean:
                    return AnyEqual(value, StringComparison.OrdinalIgnoreCase);
                case ContextValueKind.Address:
                    return Iam.Conditions.IpValue.TryParse(value, out var address) && AnyBlockContains(address);
                case ContextValueKind.Arn:
                    return AnyArnMatches(value);
                default:
                    return AnyEqual(value, StringComparison.Ordinal);
            }
        }

        private bool AnyEqual(string value, StringComparison comparison)
        {
            foreach (var candidate in values)
            {
                if (string.Equals(candidate, value, comparison))
                {
                    return true;
                }
            }

            return false;
        }

        private bool AnyBlockContains(Iam.Conditions.IpValue address)
        {
            foreach (var block in _blocks)
            {
                if (block.Contains(address))
                {
                    return true;
                }
            }

            return false;
        }

        // ARN values are mostly the principal's (aws:PrincipalArn), and a batch of requests has few principals, so each
        // answer is remembered; bounded, as a decider lives as long as its policy.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool>? _arnMatches =
            attribute.Kind == ContextValueKind.Arn ? new(StringComparer.Ordinal) : null;

        private bool AnyArnMatches(string value)
        {
            var answers = _arnMatches!;
            if (answers.TryGetValue(value, out var known))
            {
                return known;
            }

            var matches = false;
            foreach (var pattern in values)
            {
                if (Iam.Matching.ArnMatch.IsMatch(pattern, value))
                {
                    matches = true;
                    break;
                }
            }

            if (answers.Count >= 4096)
            {
                answers.Clear();
            }

            answers[value] = matches;
            return matches;
        }

        public override void Explain(RequestView request, List<string> atoms)
        {
            var value = request.Value(slot);
            var shown = value is null ? $"{attribute.Name} (missing)" : $"{attribute.Name} (\"{value}\")";
            var list = values.Length == 1 && attribute.Kind == ContextValueKind.Boolean ? values[0] : $"[{string.Join(", ", values.Select(v => $"\"{v}\""))}]";
            var op = attribute.Kind == ContextValueKind.Boolean ? (negated ? "!=" : "==") : (negated ? "not in" : "in");
            atoms.Add($"{shown} {op} {list}");
        }
    }

    /// <summary>A number of minutes or an instant compared with a literal; a missing value matches when the predicate says so.</summary>
    private sealed class OrderTest(int slot, OrderPredicate order) : Condition
    {
        private readonly bool _minutes = order.Operand.Attribute.Kind == ContextValueKind.Minutes;

        public override bool Holds(RequestView request)
        {
            var value = request.Value(slot);
            if (value is null)
            {
                return order.MatchMissing;
            }

            int sign;
            if (_minutes)
            {
                // The request holds seconds (aws:MultiFactorAuthAge); the policy, minutes.
                if (!decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
                {
                    return false;
                }

                sign = seconds.CompareTo(decimal.Parse(order.Value, System.Globalization.CultureInfo.InvariantCulture) * 60);
            }
            else
            {
                if (!DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var instant))
                {
                    return false;
                }

                sign = instant.CompareTo(DateTimeOffset.Parse(order.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal));
            }

            return order.Relation switch
            {
                Ordering.Equal => sign == 0,
                Ordering.NotEqual => sign != 0,
                Ordering.Less => sign < 0,
                Ordering.LessOrEqual => sign <= 0,
                Ordering.Greater => sign > 0,
                _ => sign >= 0,
            };
        }

        public override void Explain(RequestView request, List<string> atoms)
        {
            var value = request.Value(slot);
            var op = order.Relation switch
            {
                Ordering.Equal => "==",
                Ordering.NotEqual => "!=",
                Ordering.Less => "<",
                Ordering.LessOrEqual => "<=",
                Ordering.Greater => ">",
                _ => ">=",
            };
            atoms.Add($"{order.Operand.Attribute.Name} ({(value is null ? "missing" : $"\"{value}\"")}) {op} {order.Value}");
        }
    }

    /// <summary>
    /// A tag read as a level is one of a set. The classification tag, when missing, has the default level; a missing
    /// tag without a default, or a value that is no level, matches exactly when the rule fails closed.
    /// </summary>
    private sealed class LevelTest(
        int slot,
        string text,
        ImmutableArray<string> names,
        ulong mask,
        FrozenDictionary<string, int> levels,
        int defaultRank,
        bool classification,
        bool matchUnknown) : Condition
    {
        public override bool Holds(RequestView request)
        {
            var rank = request.Rank(slot, levels);
            if (rank == -2)
            {
                rank = defaultRank;
            }

            return rank >= 0 ? (mask & (1UL << rank)) != 0 : matchUnknown;
        }

        public override void Explain(RequestView request, List<string> atoms)
        {
            var subject = classification ? "resource.classification" : text;
            var value = request.Value(slot);
            var shown = value is not null ? $"\"{value}\"" : defaultRank >= 0 ? $"missing, so the default `{levels.First(l => l.Value == defaultRank).Key}`" : "missing";
            var rank = value is null ? defaultRank : levels.GetValueOrDefault(value, -1);
            atoms.Add(rank >= 0
                ? $"{subject} ({shown}) in [{string.Join(", ", names)}]"
                : $"{subject} ({shown}) is no level, which a deny rule treats as matching");
        }
    }
}
