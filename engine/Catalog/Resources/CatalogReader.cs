using System.Collections.Immutable;
using System.Text.Json;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Catalog.Resources;

/// <summary>
/// Reads <c>resources.json</c> into the catalogue and checks that it holds together: every entry names a known
/// service, every input form either describes the type or says why it cannot, and no name is given twice. A
/// catalogue that does not is a defect of this build, so it throws.
/// </summary>
internal static partial class CatalogReader
{
    private const string ResourceName = "Sec08Policy.Engine.Catalog.Resources.resources.json";

    public static ResourceCatalog LoadEmbedded()
    {
        using var document = JsonDocument.Parse(EmbeddedBytes.Read(typeof(CatalogReader).Assembly, ResourceName));
        return Read(document);
    }

    public static ResourceCatalog Parse(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document);
    }

    private static ResourceCatalog Read(JsonDocument document)
    {
        var root = document.RootElement;
        var services = root.GetProperty("services").EnumerateArray().Select(Service).ToImmutableArray();
        var entries = root.GetProperty("types").EnumerateArray().Select(Entry).ToImmutableArray();
        Check(services, entries);
        return new ResourceCatalog(services, entries) { Keys = root.TryGetProperty("kms", out var kms) ? Keys(kms) : KeyCatalog.Empty };
    }

    private static ServiceEntry Service(JsonElement e)
    {
        Expect(e, "name", "title", "iamPrefix", "storesData", "alwaysEncrypted", "create", "guards", "customerKeyNote");
        return new ServiceEntry
        {
            Name = Text(e, "name"),
            Title = Text(e, "title"),
            IamPrefix = Text(e, "iamPrefix"),
            StoresData = !e.TryGetProperty("storesData", out var stores) || stores.GetBoolean(),
            AlwaysEncrypted = OptionalText(e, "alwaysEncrypted"),
            CustomerKeyNote = OptionalText(e, "customerKeyNote"),
            Create = [.. Array(e, "create").Select(a =>
            {
                Expect(a, "action", "creates", "encrypted", "encryptedResource", "purpose", "disabledBy", "customerKey", "tags", "tagsNote", "alwaysEncrypts", "copy");
                var creates = OptionalText(a, "creates") ?? "*";
                return new CreateAction(Text(a, "action"))
                {
                    Creates = creates,
                    Encrypted = OptionalText(a, "encrypted"),
                    EncryptedResource = OptionalText(a, "encryptedResource") ?? creates,
                    Purpose = OptionalText(a, "purpose") ?? "Unencrypted",
                    DisabledBy = [.. Array(a, "disabledBy").Select(d =>
                    {
                        Expect(d, "key", "purpose");
                        return new DisablingKey(Text(d, "key"), Text(d, "purpose"));
                    })],
                    CustomerKey = OptionalText(a, "customerKey"),
                    Tags = a.TryGetProperty("tags", out var tags) && tags.GetBoolean(),
                    TagsNote = OptionalText(a, "tagsNote"),
                    AlwaysEncrypts = a.TryGetProperty("alwaysEncrypts", out var encrypts) && encrypts.GetBoolean(),
                    Copy = a.TryGetProperty("copy", out var copy) && copy.GetBoolean(),
                };
            })],
            Guards = [.. Array(e, "guards").Select(g =>
            {
                Expect(g, "action", "purpose");
                return new GuardAction(Text(g, "action"), Text(g, "purpose"));
            })],
        };
    }

    private static ResourceEntry Entry(JsonElement e)
    {
        Expect(e, "type", "title", "service", "kind", "whenUnset", "copiesAndRetention", "followsEbsDefault", "cloudFormation", "terraform", "terraformJoins", "config", "live", "gaps");
        var type = Text(e, "type");
        try
        {
            var unset = e.GetProperty("whenUnset");
            Expect(unset, "text", "source", "doubt");
            var live = e.GetProperty("live");
            Expect(live, "collector", "cloudControl", "api", "note", "listing", "parent");
            return new ResourceEntry
            {
                Type = type,
                Title = Text(e, "title"),
                Service = Text(e, "service"),
                Kind = Text(e, "kind") switch
                {
                    "data" => ResourceKind.DataStore,
                    "key" => ResourceKind.KmsKey,
                    "alias" => ResourceKind.KmsAlias,
                    "setting" => ResourceKind.AccountSetting,
                    var other => throw new FormatException($"unknown kind `{other}`"),
                },
                WhenUnset = new Documented(Text(unset, "text"), Text(unset, "source"), OptionalText(unset, "doubt")),
                CopiesAndRetention = e.TryGetProperty("copiesAndRetention", out var data) ? Documented(data) : null,
                FollowsEbsDefault = e.TryGetProperty("followsEbsDefault", out var follows) && follows.GetBoolean(),
                CloudFormation = e.TryGetProperty("cloudFormation", out var cfn) ? CloudFormation(type, cfn) : null,
                Terraform = [.. Array(e, "terraform").Select(t =>
                {
                    Expect(t, "type", "encryption", "key", "copies", "retention");
                    var encryption = OptionalSpec(t, "encryption");
                    return new TerraformForm(Text(t, "type"), encryption) { Key = OptionalKey(t), Copies = OptionalCopies(t, encryption), Retention = OptionalRetention(t) };
                })],
                TerraformJoins = [.. Array(e, "terraformJoins").Select(Join)],
                Config = e.TryGetProperty("config", out var config) ? Config(config) : null,
                Live = Live(live),
                Gaps = e.TryGetProperty("gaps", out var gaps)
                    ? gaps.EnumerateObject().ToImmutableSortedDictionary(g => Form(g.Name), g => g.Value.GetString()!)
                    : ImmutableSortedDictionary<InputForm, string>.Empty,
            };
        }
        catch (Exception ex) when (ex is FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"catalogue entry `{type}`: {ex.Message}", ex);
        }
    }

    private static Documented Documented(JsonElement e)
    {
        Expect(e, "text", "source", "doubt");
        return new Documented(Text(e, "text"), Text(e, "source"), OptionalText(e, "doubt"));
    }

    private static LiveSource Live(JsonElement e)
    {
        var parent = e.TryGetProperty("parent", out var p) ? Parent(p) : null;
        var listing = OptionalText(e, "listing") switch
        {
            null => parent is null ? CloudControlListing.ByType : CloudControlListing.UnderParent,
            "account" => CloudControlListing.AccountId,
            "none" => CloudControlListing.None,
            var other => throw new FormatException($"unknown Cloud Control listing `{other}` (`account`, `none`, or a `parent`)"),
        };
        if (listing != CloudControlListing.ByType && OptionalText(e, "cloudControl") is null)
        {
            throw new FormatException("a Cloud Control listing is given for a type Cloud Control cannot read");
        }

        if (parent is not null && listing != CloudControlListing.UnderParent)
        {
            throw new FormatException("a listing under a parent takes no other `listing`");
        }

        // A type read through its service's own API is read by nothing else: one source per type.
        var api = OptionalText(e, "api");
        if (api is not null && (OptionalText(e, "collector") is not null || OptionalText(e, "cloudControl") is not null || !IsAction(api)))
        {
            throw new FormatException($"the API `{api}` must be one `service:Operation`, for a type neither a collector nor Cloud Control reads");
        }

        return new LiveSource(OptionalText(e, "collector"), OptionalText(e, "cloudControl"), OptionalText(e, "note")) { Listing = listing, Parent = parent, Api = api };

        static bool IsAction(string text) =>
            text.Split(':') is [{ Length: > 0 } prefix, { Length: > 0 } operation] && prefix.All(char.IsAsciiLetterLower) && operation.All(char.IsAsciiLetter);

        static ListingParent Parent(JsonElement e)
        {
            Expect(e, "type", "property");
            return new ListingParent(Text(e, "type"), Text(e, "property"));
        }
    }

    private static CloudFormationForm CloudFormation(string type, JsonElement e)
    {
        Expect(e, "encryption", "tags", "arn", "key", "copies", "retention");
        var encryption = OptionalSpec(e, "encryption");
        return new CloudFormationForm(type, encryption)
        {
            Key = OptionalKey(e),
            Copies = OptionalCopies(e, encryption),
            Retention = OptionalRetention(e),
            Tags = e.TryGetProperty("tags", out var tags) ? (tags.ValueKind == JsonValueKind.Null ? null : PropertyPath.Parse(tags.GetString()!)) : PropertyPath.Parse("Tags"),
            ArnTemplate = OptionalText(e, "arn"),
        };
    }

    private static TerraformJoin Join(JsonElement e)
    {
        Expect(e, "type", "target", "match", "reference", "encryption");
        return new TerraformJoin(
            Text(e, "type"),
            Text(e, "target"),
            [.. Array(e, "match").Select(m => new AttributePair(m[0].GetString()!, m[1].GetString()!))],
            OptionalText(e, "reference"),
            Spec(e.GetProperty("encryption")));
    }

    private static ConfigForm Config(JsonElement e)
    {
        Expect(e, "type", "recorded", "when", "encryption", "keyManager", "rotation", "key", "copies", "retention");
        var encryption = OptionalSpec(e, "encryption");
        return new ConfigForm(Text(e, "type"), encryption, !e.TryGetProperty("recorded", out var recorded) || recorded.GetBoolean())
        {
            Key = OptionalKey(e),
            Copies = OptionalCopies(e, encryption),
            Retention = OptionalRetention(e),
            KeyManager = OptionalText(e, "keyManager") is { } manager ? PropertyPath.Parse(manager) : null,
            Rotation = OptionalText(e, "rotation") is { } rotation ? PropertyPath.Parse(rotation) : null,
            When = e.TryGetProperty("when", out var when)
                ? new ConfigDiscriminator(PropertyPath.Parse(Text(when, "path")), [.. Array(when, "values").Select(v => v.GetString()!)])
                : null,
        };
    }

    private static KeyCatalog Keys(JsonElement e)
    {
        Expect(e, "source", "specs", "origins");
        return new KeyCatalog(
            [.. Array(e, "specs").Select(s =>
            {
                Expect(s, "name", "family", "usage", "strength", "source");
                return new KeySpecEntry(Text(s, "name"), Text(s, "family"), Text(s, "usage"), s.GetProperty("strength").GetInt32(), Text(s, "source"));
            })],
            [.. Array(e, "origins").Select(o =>
            {
                Expect(o, "name", "api", "cloudFormation", "meaning");
                return new KeyOriginEntry(Text(o, "name"), Text(o, "api"), o.GetProperty("cloudFormation").GetBoolean(), Text(o, "meaning"));
            })],
            Text(e, "source"));
    }

    private static KeyFactsSpec? OptionalKey(JsonElement e)
    {
        if (!e.TryGetProperty("key", out var key))
        {
            return null;
        }

        Expect(key, "spec", "origin", "replicaRegions", "primary");
        ReplicaRegionsSpec? replicas = null;
        if (key.TryGetProperty("replicaRegions", out var r))
        {
            Expect(r, "each", "value", "unknown");
            replicas = new ReplicaRegionsSpec(
                OptionalText(r, "each") is { } each ? PropertyPath.Parse(each) : null,
                OptionalText(r, "value") is { } value ? PropertyPath.Parse(value) : null,
                OptionalText(r, "unknown"));
        }

        return new KeyFactsSpec(
            key.TryGetProperty("spec", out var spec) ? Value(spec) : null,
            key.TryGetProperty("origin", out var origin) ? Value(origin) : null,
            replicas,
            OptionalText(key, "primary") is { } primary ? PropertyPath.Parse(primary) : null);
    }

    /// <summary>One value spec: <c>{"path": P, "absent": V}</c>, <c>{"value": V}</c> or <c>{"switch": P, "present": .., "absent": ..}</c>.</summary>
    private static ValueSpec Value(JsonElement e)
    {
        if (e.TryGetProperty("value", out var constant))
        {
            Expect(e, "value");
            return new ConstantValueSpec(constant.GetString()!);
        }

        if (e.TryGetProperty("switch", out var path))
        {
            Expect(e, "switch", "present", "absent");
            return new SwitchValueSpec(PropertyPath.Parse(path.GetString()!), Value(e.GetProperty("present")), Value(e.GetProperty("absent")));
        }

        Expect(e, "path", "absent");
        return new PathValueSpec(PropertyPath.Parse(Text(e, "path")), OptionalText(e, "absent"));
    }

    private static EncryptionSpec? OptionalSpec(JsonElement e, string name) =>
        e.TryGetProperty(name, out var spec) ? Spec(spec) : null;

    /// <summary>One encryption spec: <c>"unencrypted"</c> or an object with one of the vocabulary's keys.</summary>
    internal static EncryptionSpec Spec(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            return e.GetString() switch
            {
                "unencrypted" => UnencryptedSpec.Instance,
                "encryption" => OwnEncryptionSpec.Instance,
                var other => throw new FormatException($"unknown encryption spec `{other}`"),
            };
        }

        if (e.TryGetProperty("unknown", out var reason))
        {
            Expect(e, "unknown");
            return new UnknownSpec(reason.GetString()!);
        }

        if (e.TryGetProperty("leftToDeployment", out var left))
        {
            Expect(e, "leftToDeployment");
            return new UnknownSpec(left.GetString()!) { LeftToDeployment = true };
        }

        if (e.TryGetProperty("noData", out var noData))
        {
            Expect(e, "noData");
            return new NoDataSpec(noData.GetString()!);
        }

        if (e.TryGetProperty("encryptedBy", out var encryptedBy))
        {
            Expect(e, "encryptedBy");
            return new EncryptedUnknownKeySpec(encryptedBy.GetString()!);
        }

        if (e.TryGetProperty("serviceOwned", out var algorithm))
        {
            Expect(e, "serviceOwned");
            return new ServiceOwnedSpec(algorithm.GetString()!);
        }

        if (e.TryGetProperty("kms", out var kms))
        {
            Expect(e, "kms", "key", "awsManaged");
            return new KmsSpec(kms.GetString()!, OptionalText(e, "key") is { } key ? PropertyPath.Parse(key) : null, OptionalText(e, "awsManaged"));
        }

        if (e.TryGetProperty("switch", out var path))
        {
            Expect(e, "switch", "cases", "present", "absent", "other");
            var cases = e.TryGetProperty("cases", out var c)
                ? c.EnumerateObject().Select(p => new SwitchCase(p.Name, Spec(p.Value))).ToImmutableArray()
                : [];
            return new SwitchSpec(
                PropertyPath.Parse(path.GetString()!),
                cases,
                OptionalSpec(e, "present"),
                Spec(e.GetProperty("absent")),
                OptionalSpec(e, "other"));
        }

        if (e.TryGetProperty("all", out var parts))
        {
            Expect(e, "all");
            return new AllSpec([.. parts.EnumerateArray().Select(Spec)]);
        }

        if (e.TryGetProperty("each", out var items))
        {
            Expect(e, "each", "item", "empty");
            return new EachSpec(PropertyPath.Parse(items.GetString()!), Spec(e.GetProperty("item")), Spec(e.GetProperty("empty")));
        }

        throw new FormatException($"unknown encryption spec {e.GetRawText()}");
    }

    private static void Check(ImmutableArray<ServiceEntry> services, ImmutableArray<ResourceEntry> entries)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services.Where(s => !names.Add(s.Name)))
        {
            throw new FormatException($"service `{service.Name}` is listed twice");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (!names.Contains(entry.Service))
            {
                throw new FormatException($"catalogue entry `{entry.Type}` names service `{entry.Service}`, which is not listed");
            }

            foreach (var name in new[] { entry.Type }.Concat(entry.Terraform.Select(t => t.Type)).Concat(entry.TerraformJoins.Select(j => j.Type)))
            {
                if (!seen.Add(name))
                {
                    throw new FormatException($"`{name}` is given twice in the catalogue");
                }
            }

            foreach (var form in new[] { InputForm.CloudFormation, InputForm.Terraform, InputForm.Config })
            {
                if (!entry.Covers(form) && !entry.Gaps.ContainsKey(form))
                {
                    throw new FormatException($"catalogue entry `{entry.Type}` neither describes its {form} form nor says why it cannot");
                }
            }

            var data = entry.Kind == ResourceKind.DataStore;
            var specs = new[] { entry.CloudFormation?.Encryption, entry.Config?.Encryption }.Concat(entry.Terraform.Select(t => t.Encryption));
            var formsGiven = new[] { entry.CloudFormation is not null, entry.Config is { Recorded: true } }.Count(x => x) + entry.Terraform.Length;
            if (data && specs.Count(s => s is not null) < formsGiven)
            {
                throw new FormatException($"catalogue entry `{entry.Type}` holds data but one of its forms says nothing about encryption");
            }
        }

        foreach (var service in services.Where(s => s.StoresData && !entries.Any(e => e.Service == s.Name)))
        {
            throw new FormatException($"service `{service.Name}` has no resource type, so a policy naming it would check nothing");
        }
    }

    private static InputForm Form(string name) => name switch
    {
        "cloudFormation" => InputForm.CloudFormation,
        "terraform" => InputForm.Terraform,
        "config" => InputForm.Config,
        _ => throw new FormatException($"unknown input form `{name}`"),
    };

    /// <summary>A key the reader does not know is a typo in the catalogue, not something to skip.</summary>
    private static void Expect(JsonElement e, params string[] known)
    {
        foreach (var property in e.EnumerateObject())
        {
            if (!IsOneOf(property, known))
            {
                throw new FormatException($"unexpected `{property.Name}` in {e.GetRawText()[..Math.Min(80, e.GetRawText().Length)]}");
            }
        }
    }

    /// <summary>Compares the property's UTF-8 name in place: every command reads the catalogue, and a string per name adds up.</summary>
    private static bool IsOneOf(JsonProperty property, string[] names)
    {
        foreach (var name in names)
        {
            if (property.NameEquals(name))
            {
                return true;
            }
        }

        return false;
    }

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()
        ?? throw new FormatException($"`{name}` must be a string");

    private static string? OptionalText(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private static List<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) ? [.. value.EnumerateArray()] : [];
}
