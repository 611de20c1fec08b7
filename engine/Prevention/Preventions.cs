using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Engine.Prevention;

/// <summary>
/// The creation-time controls AWS offers per service, from the resource catalogue's create-like actions and their
/// condition keys: what a requirement marked <c>enforce preventive</c> promises to deny, which the SCP emitter writes
/// and the access decision procedure decides. Where an action has no condition key for what is asked, the requirement
/// is detective only for what that action creates, and the build says so, naming the actions (SP3006).
/// </summary>
public static partial class Preventions
{
    private const int DefaultRotationDays = 365;

    /// <summary>The encryption an upload asks for: <c>AES256</c>, <c>aws:kms</c> or <c>aws:kms:dsse</c>; absent without the header.</summary>
    public const string S3Encryption = "s3:x-amz-server-side-encryption";

    /// <summary>The KMS key an SSE-KMS upload names; absent when it names none (S3 then uses the AWS managed key).</summary>
    public const string S3EncryptionKey = "s3:x-amz-server-side-encryption-aws-kms-key-id";

    /// <summary>The alias of the AWS managed key for S3.</summary>
    public const string AwsManagedS3Key = "alias/aws/s3";

    private static ServiceEntry Service(string service) =>
        ResourceCatalog.Default.FindService(service) ?? throw new ArgumentOutOfRangeException(nameof(service), service, "not a catalogue service");

    /// <summary>How a requirement clause's check is prevented for one service.</summary>
    public static Prevention For(Predicate check, string service) => check switch
    {
        EncryptedPredicate => Encrypted(Service(service)),
        CustomerManagedKeyPredicate or NamedKeyPredicate => CustomerManaged(Service(service)),
        KeyRotationPredicate rotation => Rotation(service, rotation.MaxDays),
        CopiesEncryptedPredicate copies => Copies(Service(service), copies.Key is not null),
        RetentionPredicate => Prevention.Detective("how long data is kept is a setting of the resource (a retention period, a lifecycle rule, a vault lock), and no create request carries it as a condition key"),
        RegionPredicate region => Prevention.Deny([.. ByCreated(Service(service).Create, "Region", created => [RequestTest.NotEquals("aws:RequestedRegion", region.Regions)])]),
        TagsPresentPredicate tags => Tags(Service(service), tags.Keys),
        KeySpecPredicate spec => KeyProperty(service, "KeySpec", "kms:KeySpec", spec.Specs, "the key spec"),
        KeyOriginPredicate origin => KeyProperty(service, "KeyOrigin", "kms:KeyOrigin", origin.Origins, "the key origin"),
        KeyReplicatedPredicate => Prevention.Detective("replicas are made after the key is created (kms:ReplicateKey), and no condition key of that request names the Regions a key must reach"),
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
            .Select(d => new DenyPattern(d.Purpose, [d.Action.Action], d.Action.Creates, [RequestTest.Bool(d.Key, true)]) { Scopable = d.Action.Tags });
        var patterns = Patterns(service.Create.Where(a => a.Encrypted is not null), a => (a.Purpose, a.Encrypted!, a.EncryptedResource), key => RequestTest.Bool(key, false))
            .Concat(disabling)
            .Concat(service.Guards.Select(g => new DenyPattern(g.Purpose, [g.Action], "*", [], Unscoped: true)))
            .ToList();
        var open = service.Create.Where(a => a.Encrypted is null && a.DisabledBy.IsEmpty && !a.AlwaysEncrypts).Select(a => a.Action).ToList();
        var gap = open.Count == 0 ? null : $"{Named(open)} {Have(open)} no creation-time encryption condition key an SCP can rely on, so what {Them(open)} create{(open.Count == 1 ? "s" : string.Empty)} is checked by detection";
        return patterns.Count == 0 ? Prevention.Detective(gap!) : new Prevention(Distinguished(patterns), null) { Gap = gap };
    }

    private static Prevention CustomerManaged(ServiceEntry service)
    {
        if (service.Name == "s3")
        {
            // S3 encrypts an upload without an encryption header under the bucket's default, which detection checks, so
            // only an upload that asks for something else is denied: another algorithm, SSE-KMS under the AWS managed key
            // (no key named, or alias/aws/s3). The AWS managed key named by its key ARN cannot be told from a customer's.
            return new Prevention(
                [
                    new DenyPattern("NotKms", ["s3:PutObject"], "*",
                        [RequestTest.Present(S3Encryption), RequestTest.NotEquals(S3Encryption, "aws:kms", "aws:kms:dsse")]),
                    new DenyPattern("AwsManagedKey", ["s3:PutObject"], "*",
                        [RequestTest.Present(S3Encryption), RequestTest.Absent(S3EncryptionKey)]),
                    new DenyPattern("AwsManagedKeyAlias", ["s3:PutObject"], "*",
                        [RequestTest.Like(S3EncryptionKey, AwsManagedS3Key, $"arn:aws:kms:*:*:{AwsManagedS3Key}")]),
                ],
                null,
                ScopedByClassification: false);
        }

        if (service.CustomerKeyNote is { } note)
        {
            return Prevention.Detective(note);
        }

        var patterns = Patterns(service.Create.Where(a => a.CustomerKey is not null), a => ("AwsManagedKey", a.CustomerKey!, a.Creates), RequestTest.Absent).ToList();
        var open = service.Create.Where(a => a.CustomerKey is null).Select(a => a.Action).ToList();
        var gap = open.Count == 0 ? null : $"{Named(open)} {Have(open)} no creation-time condition key for the KMS key, so the key of what {Them(open)} create{(open.Count == 1 ? "s" : string.Empty)} is checked by detection";
        return patterns.Count == 0 ? Prevention.Detective(gap!) : new Prevention(Distinguished(patterns), null) { Gap = gap };
    }

    private static Prevention Tags(ServiceEntry service, IReadOnlyList<string> tags)
    {
        var tagged = service.Create.Where(a => a.Tags).ToList();
        var open = service.Create.Where(a => !a.Tags).Select(a => a.Action).ToList();
        var gap = open.Count == 0 ? null : $"{Named(open)} {(open.Count == 1 ? "carries" : "carry")} no request tags an SCP can rely on, so the tags of what {Them(open)} create{(open.Count == 1 ? "s" : string.Empty)} are checked by detection";
        return tagged.Count == 0
            ? Prevention.Detective(gap!)
            : new Prevention([.. tags.SelectMany(tag => ByCreated(tagged, "Tag " + tag, _ => [RequestTest.Absent($"aws:RequestTag/{tag}")]))], null) { Gap = gap };
    }

    /// <summary>
    /// One Deny per resource the actions create (see <see cref="CreateAction.Creates"/>), so that a request is tested
    /// where its tags are, and apart for actions whose requests carry no tags (which a classification-scoped clause
    /// cannot use); the purpose names the resource when there are several.
    /// </summary>
    private static ImmutableArray<DenyPattern> ByCreated(IEnumerable<CreateAction> actions, string purpose, Func<string, ImmutableArray<RequestTest>> tests) =>
        Distinguished([.. actions
            .GroupBy(a => (a.Creates, a.Tags))
            .OrderBy(g => g.Key.Creates, StringComparer.Ordinal).ThenBy(g => g.Key.Tags)
            .Select(g => new DenyPattern(purpose, [.. g.Select(a => a.Action)], g.Key.Creates, tests(g.Key.Creates)) { Scopable = g.Key.Tags })]);

    /// <summary>
    /// Patterns of one purpose on different resources get the resource type in their purpose (<c>Tag owner volume</c>),
    /// since the purpose names the SCP statement.
    /// </summary>
    private static ImmutableArray<DenyPattern> Distinguished(IReadOnlyList<DenyPattern> patterns)
    {
        var resourcesPerPurpose = patterns.GroupBy(p => p.Purpose, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Resource).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        return [.. patterns.Select(p => resourcesPerPurpose[p.Purpose] > 1 ? p with { Purpose = $"{p.Purpose} {ResourceTypeOf(p.Resource)}" } : p)];
    }

    /// <summary>The resource type an ARN pattern names (<c>volume</c> in <c>arn:aws:ec2:*:*:volume/*</c>); <c>any</c> for <c>*</c>.</summary>
    private static string ResourceTypeOf(string arnPattern)
    {
        var parts = arnPattern.Split(':', 6);
        return parts.Length < 6 ? "any" : parts[5].Split('/', ':')[0];
    }

    /// <summary>
    /// One Deny per purpose, condition key and resource, over the actions that share them; actions whose requests carry no
    /// tags get a pattern of their own, which a classification-scoped clause cannot use.
    /// </summary>
    private static IEnumerable<DenyPattern> Patterns(IEnumerable<CreateAction> actions, Func<CreateAction, (string Purpose, string Key, string Resource)> shape, Func<string, RequestTest> test) =>
        actions
            .GroupBy(a => (Shape: shape(a), a.Tags))
            .Select(g => new DenyPattern(g.Key.Shape.Purpose, [.. g.Select(a => a.Action)], g.Key.Shape.Resource, [test(g.Key.Shape.Key)])
            {
                Scopable = g.Key.Tags,
            });

    private static string Named(IEnumerable<string> actions) => string.Join(", ", actions.Select(a => $"`{a}`"));

    private static string Have(List<string> actions) => actions.Count == 1 ? "has" : "have";

    private static string Them(List<string> actions) => actions.Count == 1 ? "it" : "they";

    /// <summary>A key property <c>kms:CreateKey</c> carries as a condition key (it also holds the default when the request omits it).</summary>
    private static Prevention KeyProperty(string service, string purpose, string conditionKey, IReadOnlyList<string> accepted, string what) =>
        service == "kms"
            ? Prevention.Deny(new DenyPattern(purpose, ["kms:CreateKey"], "*", [RequestTest.NotEquals(conditionKey, accepted)]))
            : Prevention.Detective($"{what} is a property of the key, not of the resource's create request");

    private static Prevention Rotation(string service, int? days)
    {
        if (service != "kms")
        {
            return Prevention.Detective("rotation is a property of the key, not of the resource's create request");
        }

        var patterns = new List<DenyPattern>
        {
            new("DisableRotation", ["kms:DisableKeyRotation"], "*", [], Unscoped: true),
        };
        if (days is { } max)
        {
            patterns.Add(new DenyPattern("LongRotation", ["kms:EnableKeyRotation"], "*",
                [RequestTest.GreaterThan("kms:RotationPeriodInDays", max)], Unscoped: true));
            if (max < DefaultRotationDays)
            {
                // Without a period EnableKeyRotation rotates every 365 days, longer than allowed.
                patterns.Add(new DenyPattern("DefaultRotation", ["kms:EnableKeyRotation"], "*",
                    [RequestTest.Absent("kms:RotationPeriodInDays")], Unscoped: true));
            }
        }

        return new Prevention([.. patterns], null);
    }
}
