using System.Collections.Immutable;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>KMS keys (DescribeKey, rotation with period, key policy, tags) and aliases of one Region, all pages.</summary>
internal static class KmsCollector
{
    public static async Task<List<Resource>> Collect(Scope scope)
    {
        using var kms = scope.Clients.Kms(scope.Region);
        // Each listing on its own: keys named only by alias can still be told apart when ListKeys is denied.
        var listing = Pages.ReadAll(
            scope, "kms", "kms:ListKeys",
            (marker, c) => kms.ListKeysAsync(new ListKeysRequest { Marker = marker, Limit = 1000 }, c),
            page => page.Keys,
            page => page.Truncated == true ? page.NextMarker : null);
        var aliases = await Aliases(kms, scope).ConfigureAwait(false);
        var keys = await listing.ConfigureAwait(false) ?? KeysOf(scope, aliases);

        // Alias names grouped by target key once, so each key finds its own without scanning every alias.
        var aliasesByKey = aliases.Where(a => a.TargetKeyId is not null)
            .ToLookup(a => a.TargetKeyId!, a => a.AliasName, StringComparer.Ordinal);
        var resources = await Task.WhenAll(keys.Select(k => Key(kms, scope, k, aliasesByKey))).ConfigureAwait(false);
        return [.. resources, .. aliases.Select(a => AliasResource(scope, a))];
    }

    /// <summary>With ListKeys denied, the keys the aliases name: they exist, and DescribeKey may still be allowed.</summary>
    private static List<KeyListEntry> KeysOf(Scope scope, List<AliasListEntry> aliases) =>
    [
        .. aliases.Select(a => a.TargetKeyId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => new KeyListEntry { KeyId = id, KeyArn = $"arn:aws:kms:{scope.Region}:{scope.Account}:key/{id}" }),
    ];

    private static async Task<List<AliasListEntry>> Aliases(IAmazonKeyManagementService kms, Scope scope) =>
        await Pages.ReadAll(
            scope, "kms", "kms:ListAliases",
            (marker, c) => kms.ListAliasesAsync(new ListAliasesRequest { Marker = marker, Limit = 100 }, c),
            page => page.Aliases,
            page => page.Truncated == true ? page.NextMarker : null).ConfigureAwait(false) ?? [];

    private static async Task<Resource> Key(IAmazonKeyManagementService kms, Scope scope, KeyListEntry entry, ILookup<string, string> aliasesByKey)
    {
        var resource = scope.New("AWS::KMS::Key", entry.KeyId, entry.KeyArn);
        var keyAliases = aliasesByKey[entry.KeyId].Order(StringComparer.Ordinal).ToList();
        var (described, describeFailure) = await scope.Try("kms:DescribeKey", c => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = entry.KeyId }, c)).ConfigureAwait(false);
        if (described?.KeyMetadata is not { } metadata)
        {
            var reason = describeFailure ?? "kms:DescribeKey returned no metadata";
            // Only AWS may name its own managed keys `alias/aws/...`: such an alias tells the manager without DescribeKey.
            var manager = keyAliases.Any(EncryptionState.IsAwsManagedAlias) ? Fact<KeyManager>.Known(KeyManager.AwsManaged) : Fact<KeyManager>.Unknown(reason);
            return resource with
            {
                Tags = Fact<System.Collections.Immutable.ImmutableSortedDictionary<string, string>>.Unknown(reason),
                Key = new KeyFacts(manager, Fact<string>.Unknown(reason), Fact<bool>.Unknown(reason), Fact<int?>.Unknown(reason),
                    Fact<bool>.Unknown(reason), Fact<int?>.Unknown(reason), Fact<string?>.Unknown(reason)) { Aliases = [.. keyAliases], KeyId = entry.KeyId },
            };
        }

        var customer = metadata.KeyManager == Amazon.KeyManagementService.KeyManagerType.CUSTOMER;
        Fact<bool> rotation;
        Fact<int?> period;
        Fact<string?> policy;
        Fact<System.Collections.Immutable.ImmutableSortedDictionary<string, string>> tags;
        if (customer)
        {
            var (status, rotationFailure) = await scope.Try("kms:GetKeyRotationStatus", c => kms.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = entry.KeyId }, c)).ConfigureAwait(false);
            rotation = status is null ? Fact<bool>.Unknown(rotationFailure!) : Fact<bool>.Known(status.KeyRotationEnabled == true);
            period = status is null ? Fact<int?>.Unknown(rotationFailure!) : Fact<int?>.Known(status.KeyRotationEnabled == true ? status.RotationPeriodInDays ?? 365 : null);
            var (keyPolicy, policyFailure) = await scope.Try("kms:GetKeyPolicy", c => kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = entry.KeyId, PolicyName = "default" }, c)).ConfigureAwait(false);
            policy = keyPolicy is null ? Fact<string?>.Unknown(policyFailure!) : Fact<string?>.Known(keyPolicy.Policy);
            var (tagged, tagFailure) = await scope.Try("kms:ListResourceTags", c => kms.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = entry.KeyId }, c)).ConfigureAwait(false);
            tags = Scope.Tags(tagged?.Tags?.Select(t => new KeyValuePair<string, string>(t.TagKey, t.TagValue)), tagFailure);
        }
        else
        {
            // AWS managed keys rotate every year and cannot be changed; their policies and tags are AWS's.
            rotation = Fact<bool>.Known(true);
            period = Fact<int?>.Known(365);
            policy = Fact<string?>.Known(null);
            tags = Scope.Tags([], null);
        }

        return resource with
        {
            Tags = tags,
            Key = new KeyFacts(
                Fact<KeyManager>.Known(customer ? KeyManager.Customer : KeyManager.AwsManaged),
                Fact<string>.Known(metadata.KeyState?.Value ?? "Unknown"),
                rotation,
                period,
                Fact<bool>.Known(metadata.MultiRegion == true),
                Fact<int?>.Known(metadata.PendingDeletionWindowInDays),
                policy)
            {
                Aliases = [.. keyAliases],
                KeyId = entry.KeyId,
                Spec = Fact<string?>.Known(metadata.KeySpec?.Value),
                Origin = Fact<string?>.Known(metadata.Origin?.Value),
                ReplicaRegions = Fact<ImmutableArray<string>>.Known([.. metadata.MultiRegionConfiguration?.ReplicaKeys?.Select(r => r.Region) ?? []]),
                Primary = metadata.MultiRegionConfiguration?.MultiRegionKeyType?.Value == "REPLICA"
                    ? Fact<string?>.Known(metadata.MultiRegionConfiguration.PrimaryKey?.Arn)
                    : null,
            },
        };
    }

    private static Resource AliasResource(Scope scope, AliasListEntry alias) =>
        scope.New("AWS::KMS::Alias", alias.AliasName, alias.AliasArn) with
        {
            Alias = new AliasFacts(alias.AliasName, Fact<string?>.Known(alias.TargetKeyId)),
        };
}
