using System.Collections.Immutable;
using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Compiler.Emit.Scp;

/// <summary>
/// The creation-time controls AWS offers per service, from the resource catalogue's create-like actions and their
/// condition keys. Where an action has no condition key for what is asked, the requirement is detective only for what
/// that action creates, and the build says so, naming the actions (SP3006).
/// </summary>
internal static class Preventions
{
    private const int DefaultRotationDays = 365;

    private static ServiceEntry Service(string service) =>
        ResourceCatalog.Default.FindService(service) ?? throw new ArgumentOutOfRangeException(nameof(service), service, "not a catalogue service");

    /// <summary>How a requirement clause's check is prevented for one service.</summary>
    public static Prevention For(Predicate check, string service) => check switch
    {
        EncryptedPredicate => Encrypted(Service(service)),
        CustomerManagedKeyPredicate or NamedKeyPredicate => CustomerManaged(Service(service)),
        KeyRotationPredicate rotation => Rotation(service, rotation.MaxDays),
        RegionPredicate region => Prevention.Deny(new DenyPattern("Region", [.. Service(service).Create.Select(a => a.Action)], "*",
            Block(("StringNotEquals", "aws:RequestedRegion", region.Regions)))),
        TagsPresentPredicate tags => Tags(Service(service), tags.Keys),
        _ => throw new ArgumentOutOfRangeException(nameof(check), check.GetType().Name, "not a requirement check"),
    };

    /// <summary>
    /// Every create-like action with a Boolean encryption key is denied when the key is false, or when a key that turns
    /// encryption off is true; the actions that turn
    /// encryption off are denied outright; the create-like actions without such a key are named as detective only.
    /// </summary>
    private static Prevention Encrypted(ServiceEntry service)
    {
        if (service.AlwaysEncrypted is { } always)
        {
            return Prevention.Detective(always);
        }

        var disabling = service.Create.SelectMany(a => a.DisabledBy.Select(d => (Action: a, d.Key, d.Purpose)))
            .Select(d => new DenyPattern(d.Purpose, [d.Action.Action], "*", Block(("Bool", d.Key, ["true"]))) { Scopable = d.Action.Tags });
        var patterns = Patterns(service.Create.Where(a => a.Encrypted is not null), a => (a.Purpose, a.Encrypted!, a.EncryptedResource), "Bool", "false")
            .Concat(disabling)
            .Concat(service.Guards.Select(g => new DenyPattern(g.Purpose, [g.Action], "*", ConditionBlock.Empty, Unscoped: true)))
            .ToImmutableArray();
        var open = service.Create.Where(a => a.Encrypted is null && a.DisabledBy.IsEmpty && !a.AlwaysEncrypts).Select(a => a.Action).ToList();
        var gap = open.Count == 0 ? null : $"{Named(open)} {Have(open)} no creation-time encryption condition key an SCP can rely on, so what {Them(open)} create{(open.Count == 1 ? "s" : string.Empty)} is checked by detection";
        return patterns.IsEmpty ? Prevention.Detective(gap!) : new Prevention(patterns, null) { Gap = gap };
    }

    private static Prevention CustomerManaged(ServiceEntry service)
    {
        if (service.Name == "s3")
        {
            // IfExists: a request without the header falls back to the bucket default, which detection checks.
            return new Prevention(
                [new DenyPattern("NotKms", ["s3:PutObject"], "*", Block(("StringNotEqualsIfExists", "s3:x-amz-server-side-encryption", ["aws:kms", "aws:kms:dsse"])))],
                null,
                ScopedByClassification: false);
        }

        if (service.CustomerKeyNote is { } note)
        {
            return Prevention.Detective(note);
        }

        var patterns = Patterns(service.Create.Where(a => a.CustomerKey is not null), a => ("AwsManagedKey", a.CustomerKey!, "*"), "Null", "true").ToImmutableArray();
        var open = service.Create.Where(a => a.CustomerKey is null).Select(a => a.Action).ToList();
        var gap = open.Count == 0 ? null : $"{Named(open)} {Have(open)} no creation-time condition key for the KMS key, so the key of what {Them(open)} create{(open.Count == 1 ? "s" : string.Empty)} is checked by detection";
        return patterns.IsEmpty ? Prevention.Detective(gap!) : new Prevention(patterns, null) { Gap = gap };
    }

    private static Prevention Tags(ServiceEntry service, IReadOnlyList<string> tags)
    {
        var tagged = service.Create.Where(a => a.Tags).Select(a => a.Action).ToImmutableArray();
        var open = service.Create.Where(a => !a.Tags).Select(a => a.Action).ToList();
        var gap = open.Count == 0 ? null : $"{Named(open)} {(open.Count == 1 ? "carries" : "carry")} no request tags an SCP can rely on, so the tags of what {Them(open)} create{(open.Count == 1 ? "s" : string.Empty)} are checked by detection";
        return tagged.IsEmpty
            ? Prevention.Detective(gap!)
            : new Prevention([.. tags.Select(tag => new DenyPattern("Tag" + SidNames.Pascal(tag), tagged, "*", Block(("Null", $"aws:RequestTag/{tag}", ["true"]))))], null) { Gap = gap };
    }

    /// <summary>
    /// One Deny per purpose, condition key and resource, over the actions that share them; actions whose requests carry no
    /// tags get a pattern of their own, which a classification-scoped clause cannot use.
    /// </summary>
    private static IEnumerable<DenyPattern> Patterns(IEnumerable<CreateAction> actions, Func<CreateAction, (string Purpose, string Key, string Resource)> shape, string op, string value) =>
        actions
            .GroupBy(a => (Shape: shape(a), a.Tags))
            .Select(g => new DenyPattern(g.Key.Shape.Purpose, [.. g.Select(a => a.Action)], g.Key.Shape.Resource, Block((op, g.Key.Shape.Key, [value])))
            {
                Scopable = g.Key.Tags,
            });

    private static string Named(IEnumerable<string> actions) => string.Join(", ", actions.Select(a => $"`{a}`"));

    private static string Have(List<string> actions) => actions.Count == 1 ? "has" : "have";

    private static string Them(List<string> actions) => actions.Count == 1 ? "it" : "they";

    private static Prevention Rotation(string service, int? days)
    {
        if (service != "kms")
        {
            return Prevention.Detective("rotation is a property of the key, not of the resource's create request");
        }

        var patterns = new List<DenyPattern>
        {
            new("DisableRotation", ["kms:DisableKeyRotation"], "*", ConditionBlock.Empty, Unscoped: true),
        };
        if (days is { } max)
        {
            patterns.Add(new DenyPattern("LongRotation", ["kms:EnableKeyRotation"], "*",
                Block(("NumericGreaterThan", "kms:RotationPeriodInDays", [max.ToString(System.Globalization.CultureInfo.InvariantCulture)])), Unscoped: true));
            if (max < DefaultRotationDays)
            {
                // Without a period EnableKeyRotation rotates every 365 days, longer than allowed.
                patterns.Add(new DenyPattern("DefaultRotation", ["kms:EnableKeyRotation"], "*",
                    Block(("Null", "kms:RotationPeriodInDays", ["true"])), Unscoped: true));
            }
        }

        return new Prevention([.. patterns], null);
    }

    private static ConditionBlock Block(params (string Op, string Key, IReadOnlyList<string> Values)[] entries) =>
        entries.Aggregate(ConditionBlock.Empty, (block, e) => block.With(e.Op, e.Key, ValueList.Of(e.Values)));
}
