using System.Collections.Immutable;
using System.Globalization;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Engine.Serialization;

public static partial class PolicySetJson
{
    /// <summary>
    /// Reads <c>rules.json</c> back into the IR it was written from. A file that is not JSON, has another
    /// <c>format</c>, lacks a field, has a value of the wrong type, or refers to a level, key or requirement it does
    /// not declare throws <see cref="InputException"/> with the file, line and column.
    /// </summary>
    public static PolicySet Read(ReadOnlyMemory<byte> utf8, string file) => new JsonReader(file).Read(JsonTreeReader.Parse(utf8, file));

    public static PolicySet Read(string path) => Read(File.ReadAllBytes(path), path);

    private sealed class JsonReader(string file)
    {
        private ImmutableArray<string> _levels = [];

        public PolicySet Read(InputNode root)
        {
            var map = Map(root, "the file");
            var format = Text(map, "format");
            if (format != Format)
            {
                throw Error(map.Get("format")!, $"`format` is `{format}`; this sec08 reads `{Format}`");
            }

            var name = NullableText(map, "policy");
            var account = NullableText(map, "account");
            var s3BucketAbac = Boolean(map, "s3BucketAbac");
            var classification = Required(map, "classification") is ScalarNode { Kind: ScalarKind.Null }
                ? null
                : ReadClassification(Map(map.Get("classification")!, "`classification`"));
            _levels = classification?.Levels ?? [];
            var keys = Items(map, "keys", ReadKey);
            var rules = Items(map, "rules", ReadRule);
            var access = Items(map, "accessRules", ReadAccessRule);
            var waivers = Items(map, "waivers", ReadWaiver);
            var perimeters = map.Get("perimeters") is null ? [] : Items(map, "perimeters", ReadPerimeter);
            var keyNames = keys.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
            var requirements = rules.Select(r => r.Requirement).ToHashSet(StringComparer.Ordinal);
            CheckReferences(map, "accessRules", access.Select(r => r.Keys.Where(k => !keyNames.Contains(k)).Select(k => $"key `{k}`")));
            CheckReferences(map, "waivers", waivers.Select(w => requirements.Contains(w.Requirement) ? [] : new[] { $"requirement `{w.Requirement}`" }));
            return new PolicySet(
                name,
                account,
                s3BucketAbac,
                classification,
                keys,
                rules,
                access,
                waivers)
            {
                Perimeters = perimeters,
            };
        }

        private Perimeters.Perimeter ReadPerimeter(MappingNode map) => new(
            Text(map, "name"),
            NullableText(map, "description"),
            Strings(map, "services"),
            Strings(map, "organizations"),
            Strings(map, "accounts"),
            Strings(map, "resourceAccounts"),
            Strings(map, "vpcEndpoints"),
            Strings(map, "vpcs"),
            Strings(map, "cidrs"),
            Strings(map, "exceptPrincipals"),
            Required(map, "applies") is ScalarNode { Kind: ScalarKind.Null } ? null : Condition(map.Get("applies")!),
            Origin(map));

        private ClassificationScheme ReadClassification(MappingNode map)
        {
            var levels = Strings(map, "levels");
            var defaultLevel = NullableText(map, "default");
            if (defaultLevel is not null && !levels.Contains(defaultLevel))
            {
                throw Error(map.Get("default")!, $"the default level `{defaultLevel}` is not one of `levels`");
            }

            return new ClassificationScheme(Text(map, "name"), Text(map, "tagKey"), levels, defaultLevel);
        }

        private KeySpec ReadKey(MappingNode map) => new(
            Text(map, "name"),
            NullableText(map, "alias"),
            NullableText(map, "description"),
            Levels(map, "protects"),
            Number(map, "rotationDays"),
            Number(map, "deletionWindowDays"),
            Boolean(map, "multiRegion"),
            NullableText(map, "account"),
            Strings(map, "administrators"),
            Strings(map, "users"),
            Strings(map, "usableVia"),
            Strings(map, "usableByAccounts"),
            Strings(map, "encryptionContext"),
            Origin(map))
        {
            // Written since key specs and origins entered the language; a file from before has the defaults.
            Spec = map.Get("spec") is null ? "SYMMETRIC_DEFAULT" : Text(map, "spec"),
            MaterialOrigin = map.Get("keyOrigin") is null ? "AWS_KMS" : Text(map, "keyOrigin"),
            ReplicaRegions = map.Get("replicaRegions") is null ? [] : Strings(map, "replicaRegions"),
        };

        private CompiledRule ReadRule(MappingNode map)
        {
            var requirement = Text(map, "requirement");
            var clause = Number(map, "clause") ?? throw Error(Required(map, "clause"), "`clause` must be a number");
            var id = Text(map, "id");
            if (id != $"{requirement}.{clause.ToString(CultureInfo.InvariantCulture)}")
            {
                throw Error(map.Get("id")!, $"`id` is `{id}`, but `requirement` and `clause` make `{requirement}.{clause}`");
            }

            LevelRange? levels = null;
            if (Required(map, "levels") is MappingNode range)
            {
                levels = new LevelRange(Text(range, "expression"), Levels(range, "levels"));
            }
            else if (map.Get("levels") is not ScalarNode { Kind: ScalarKind.Null })
            {
                throw Error(map.Get("levels")!, "`levels` must be an object or null");
            }

            var severityText = Text(map, "severity");
            if (!Enum.TryParse<Severity>(severityText, ignoreCase: true, out var severity) || !severityText.All(char.IsAsciiLetterLower))
            {
                throw Error(map.Get("severity")!, $"`severity` is `{severityText}`; expected info, low, medium, high or critical");
            }

            var compliance = Items(map, "compliance", m => new ComplianceReference(Text(m, "framework"), Text(m, "control")));
            return new CompiledRule(
                requirement,
                clause,
                Strings(map, "services"),
                levels,
                Check(Required(map, "check")),
                severity,
                NullableText(map, "control"),
                compliance,
                Text(map, "message"),
                NullableText(map, "remediation"),
                Boolean(map, "preventive"),
                Origin(map));
        }

        private AccessRule ReadAccessRule(MappingNode map)
        {
            var effectText = Text(map, "effect");
            var effect = effectText switch
            {
                "allow" => AccessEffect.Allow,
                "deny" => AccessEffect.Deny,
                _ => throw Error(map.Get("effect")!, $"`effect` is `{effectText}`; expected allow or deny"),
            };
            var condition = Required(map, "condition") is ScalarNode { Kind: ScalarKind.Null } ? null : Condition(map.Get("condition")!);
            DateTimeOffset? notAfter = null;
            if (NullableText(map, "notAfter") is { } instant)
            {
                notAfter = DateTimeOffset.TryParseExact(instant, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed.ToUniversalTime()
                    : throw Error(map.Get("notAfter")!, $"`notAfter` is `{instant}`; expected yyyy-MM-ddTHH:mm:ssZ");
            }

            return new AccessRule(
                Text(map, "name"),
                effect,
                Strings(map, "actions"),
                Strings(map, "resources"),
                Strings(map, "principals"),
                Strings(map, "keys"),
                condition,
                notAfter,
                Origin(map));
        }

        private Waiver ReadWaiver(MappingNode map)
        {
            var expires = Text(map, "expires");
            return new Waiver(
                Text(map, "name"),
                Text(map, "requirement"),
                Strings(map, "resources"),
                NullableText(map, "reason"),
                NullableText(map, "owner"),
                DateOnly.TryParseExact(expires, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw Error(map.Get("expires")!, $"`expires` is `{expires}`; expected yyyy-MM-dd"),
                Origin(map));
        }

        /// <summary>A requirement's check: one of the resource predicates.</summary>
        private Predicate Check(InputNode node)
        {
            var map = Map(node, "`check`");
            var op = Text(map, "op");
            return op switch
            {
                "encrypted" => new EncryptedPredicate(),
                "customerManagedKey" => new CustomerManagedKeyPredicate(),
                "namedKey" => new NamedKeyPredicate(Text(map, "key"), NullableText(map, "alias")),
                "keyRotation" => new KeyRotationPredicate(Number(map, "maxDays")),
                "region" => new RegionPredicate(Strings(map, "regions")),
                "tagsPresent" => new TagsPresentPredicate(Strings(map, "keys")),
                "keySpec" => new KeySpecPredicate(Strings(map, "specs"), Text(map, "demand")),
                "keyOrigin" => new KeyOriginPredicate(Strings(map, "origins")),
                "keyReplicated" => new KeyReplicatedPredicate(Strings(map, "regions")),
                "copiesEncrypted" => new CopiesEncryptedPredicate(map.Get("key") is null ? null : new NamedKeyPredicate(Text(map, "key"), NullableText(map, "alias"))),
                "retentionAtLeast" => new RetentionPredicate(RetentionBound.AtLeast, Number(map, "days") ?? throw Error(map, "`days` must be a number")),
                "retentionAtMost" => new RetentionPredicate(RetentionBound.AtMost, Number(map, "days") ?? throw Error(map, "`days` must be a number")),
                _ => throw Error(map.Get("op")!, $"`{op}` is not a resource check; expected encrypted, customerManagedKey, namedKey, keyRotation, keySpec, keyOrigin, keyReplicated, copiesEncrypted, retentionAtLeast, retentionAtMost, region or tagsPresent"),
            };
        }

        /// <summary>An access condition: logical predicates over the access atoms.</summary>
        private Predicate Condition(InputNode node)
        {
            var map = Map(node, "a condition");
            var op = Text(map, "op");
            return op switch
            {
                "and" => new AndPredicate(Conditions(map)),
                "or" => new OrPredicate(Conditions(map)),
                "not" => new NotPredicate(Condition(Required(map, "arg"))),
                "const" => new ConstantPredicate(Boolean(map, "value")),
                "equals" => new EqualsPredicate(Operand(Required(map, "left")), Operand(Required(map, "right")), Boolean(map, "negated")),
                "in" => new InPredicate(
                    Operand(Required(map, "operand")),
                    [.. Sequence(Required(map, "values"), "`values`").Items.Select(Operand)],
                    Boolean(map, "negated")),
                "order" => new OrderPredicate(
                    Operand(Required(map, "operand")) as ContextOperand ?? throw Error(map.Get("operand")!, "`operand` must be an attribute operand"),
                    Text(map, "relation") is var relation && Enum.TryParse<Ordering>(relation, ignoreCase: true, out var ordering) && !relation.Any(char.IsDigit)
                        ? ordering
                        : throw Error(map.Get("relation")!, $"`relation` is `{relation}`; expected equal, notEqual, less, lessOrEqual, greater or greaterOrEqual"),
                    Text(map, "value"),
                    Boolean(map, "matchMissing")),
                "levelIn" => new LevelInPredicate(
                    Operand(Required(map, "tag")) as TagOperand ?? throw Error(map.Get("tag")!, "`tag` must be a tag operand"),
                    Levels(map, "levels"),
                    Boolean(map, "classification"),
                    Boolean(map, "matchUnknown")),
                _ => throw Error(map.Get("op")!, $"`{op}` is not an access condition; expected and, or, not, const, equals, in, order or levelIn"),
            };
        }

        private ImmutableArray<Predicate> Conditions(MappingNode map) =>
            [.. Sequence(Required(map, "args"), "`args`").Items.Select(Condition)];

        private Operand Operand(InputNode node)
        {
            var map = Map(node, "an operand");
            if (Has(map, "string"))
            {
                return new StringOperand(Text(map, "string"));
            }

            if (Has(map, "attribute"))
            {
                var name = Text(map, "attribute");
                return new ContextOperand(ContextAttribute.Find(name) ?? throw Error(map.Get("attribute")!, $"`attribute` is `{name}`, which is no request or principal attribute"));
            }

            var scope = Text(map, "scope") switch
            {
                "principal" => AttributeScope.Principal,
                "resource" => AttributeScope.Resource,
                "request" => AttributeScope.Request,
                var other => throw Error(map.Get("scope")!, $"`scope` is `{other}`; expected principal, resource or request"),
            };
            return new TagOperand(scope, Text(map, "tag"));
        }

        private SourceOrigin Origin(MappingNode map)
        {
            var origin = Map(Required(map, "origin"), "`origin`");
            return new SourceOrigin(
                Text(origin, "file"),
                Number(origin, "line") ?? throw Error(Required(origin, "line"), "`line` must be a number"),
                Number(origin, "column") ?? throw Error(Required(origin, "column"), "`column` must be a number"));
        }

        /// <summary>Level names, each one of the classification scheme's levels.</summary>
        private ImmutableArray<string> Levels(MappingNode map, string name)
        {
            var levels = Strings(map, name);
            var node = (SequenceNode)map.Get(name)!;
            for (var i = 0; i < levels.Length; i++)
            {
                if (!_levels.Contains(levels[i]))
                {
                    throw Error(node.Items[i], $"`{levels[i]}` is not a level of the classification scheme");
                }
            }

            return levels;
        }

        private ImmutableArray<T> Items<T>(MappingNode map, string name, Func<MappingNode, T> read) =>
            [.. Sequence(Required(map, name), $"`{name}`").Items.Select(item => read(Map(item, $"an item of `{name}`")))];

        private void CheckReferences(MappingNode map, string name, IEnumerable<IEnumerable<string>> missingPerItem)
        {
            var items = ((SequenceNode)map.Get(name)!).Items;
            var index = 0;
            foreach (var missing in missingPerItem)
            {
                if (missing.FirstOrDefault() is { } first)
                {
                    throw Error(items[index], $"it names {first}, which the file does not declare");
                }

                index++;
            }
        }

        private ImmutableArray<string> Strings(MappingNode map, string name) =>
            [.. Sequence(Required(map, name), $"`{name}`").Items.Select(item => item is ScalarNode { Kind: ScalarKind.String, Text: { } text }
                ? text
                : throw Error(item, $"every item of `{name}` must be a string"))];

        private static bool Has(MappingNode map, string name) => map.Get(name) is not null;

        private InputNode Required(MappingNode map, string name) =>
            map.Get(name) ?? throw Error(map, $"`{name}` is missing");

        private string Text(MappingNode map, string name) =>
            Required(map, name) is ScalarNode { Kind: ScalarKind.String, Text: { } text } ? text : throw Error(map.Get(name)!, $"`{name}` must be a string");

        private string? NullableText(MappingNode map, string name) => Required(map, name) switch
        {
            ScalarNode { Kind: ScalarKind.Null } => null,
            ScalarNode { Kind: ScalarKind.String, Text: { } text } => text,
            var other => throw Error(other, $"`{name}` must be a string or null"),
        };

        private bool Boolean(MappingNode map, string name) =>
            Required(map, name) is ScalarNode { Kind: ScalarKind.Boolean, AsBoolean: { } value } ? value : throw Error(map.Get(name)!, $"`{name}` must be true or false");

        private int? Number(MappingNode map, string name) => Required(map, name) switch
        {
            ScalarNode { Kind: ScalarKind.Null } => null,
            ScalarNode { Kind: ScalarKind.Number, AsInt: { } value } => value,
            var other => throw Error(other, $"`{name}` must be a whole number or null"),
        };

        private MappingNode Map(InputNode node, string what) =>
            node as MappingNode ?? throw Error(node, $"{what} must be an object");

        private SequenceNode Sequence(InputNode node, string what) =>
            node as SequenceNode ?? throw Error(node, $"{what} must be an array");

        private InputException Error(InputNode node, string message) =>
            new(file, node.Position.Line, node.Position.Column, message);
    }
}
