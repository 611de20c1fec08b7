using System.Text.Json;
using Sec08Policy.Engine.Reporting;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Inventory;

/// <summary>
/// Writes resources in the native inventory format. Unknown values are written as <c>{"unknown": "reason"}</c>, so
/// reading the file back gives the same facts. Resources are written in the order given.
/// </summary>
public static class InventoryWriter
{
    public static void Write(Stream stream, IEnumerable<Resource> resources, string? collectedAt = null, IEnumerable<InventoryError>? errors = null)
    {
        using var json = new Utf8JsonWriter(stream, JsonOutput.Options);
        json.WriteStartObject();
        json.WriteString("format", InventoryFormat.Name);
        if (collectedAt is not null)
        {
            json.WriteString("collectedAt", collectedAt);
        }

        json.WriteStartArray("resources");
        foreach (var resource in resources)
        {
            WriteResource(json, resource);
            JsonOutput.FlushNow(json); // resources may stream in from a collection: keep memory flat
        }

        json.WriteEndArray();
        json.WriteStartArray("errors");
        foreach (var error in errors ?? [])
        {
            json.WriteStartObject();
            json.WriteString("account", error.Account);
            json.WriteString("region", error.Region);
            json.WriteString("service", error.Service);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    public static string ToJson(IEnumerable<Resource> resources)
    {
        using var stream = new MemoryStream();
        Write(stream, resources);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteResource(Utf8JsonWriter json, Resource resource)
    {
        json.WriteStartObject();
        json.WriteString("type", resource.Type);
        json.WriteString("id", resource.Id);
        String(json, "arn", resource.Arn);
        String(json, "account", resource.Account);
        String(json, "region", resource.Region);
        if (resource.Tags.IsKnown)
        {
            json.WriteStartObject("tags");
            foreach (var (tagKey, value) in resource.Tags.Value)
            {
                json.WriteString(tagKey, value);
            }

            json.WriteEndObject();
        }
        else
        {
            Unknown(json, "tags", resource.Tags.UnknownReason!);
        }

        if (resource.Encryption is { } encryption)
        {
            json.WriteStartObject("encryption");
            Bool(json, "enabled", encryption.Enabled);
            String(json, "algorithm", encryption.Algorithm);
            String(json, "key", encryption.KeyReference);
            String(json, "keyManager", encryption.KeyManager.Select(m => m is { } manager ? InventoryFormat.ManagerName(manager) : null));
            json.WriteEndObject();
        }

        if (resource.Copies is { } copies)
        {
            json.WriteStartObject("copies");
            Bool(json, "enabled", copies.Enabled);
            String(json, "algorithm", copies.Algorithm);
            String(json, "key", copies.KeyReference);
            String(json, "keyManager", copies.KeyManager.Select(m => m is { } manager ? InventoryFormat.ManagerName(manager) : null));
            json.WriteEndObject();
        }

        if (resource.NothingCopied is { } noCopies)
        {
            json.WriteString("nothingCopied", noCopies);
        }

        if (resource.Retention is { } retention)
        {
            json.WriteStartObject("retention");
            Days(json, "floorDays", retention.Floor);
            Days(json, "ceilingDays", retention.Ceiling);
            json.WriteEndObject();
        }

        if (resource.Key is { } key)
        {
            json.WriteStartObject("key");
            String(json, "manager", key.Manager.Select(m => (string?)InventoryFormat.ManagerName(m)));
            String(json, "state", key.State.Select(s => (string?)s));
            Bool(json, "rotationEnabled", key.RotationEnabled);
            Int(json, "rotationPeriodInDays", key.RotationPeriodDays);
            Bool(json, "multiRegion", key.MultiRegion);
            Int(json, "deletionWindowInDays", key.DeletionWindowDays);
            String(json, "policy", key.Policy);
            String(json, "spec", key.Spec);
            String(json, "origin", key.Origin);
            if (key.ReplicaRegions.IsKnown)
            {
                json.WriteStartArray("replicaRegions");
                foreach (var region in key.ReplicaRegions.Value)
                {
                    json.WriteStringValue(region);
                }

                json.WriteEndArray();
            }
            else
            {
                String(json, "replicaRegions", Fact<string?>.Unknown(key.ReplicaRegions.UnknownReason!));
            }

            if (key.Primary is { } primary)
            {
                String(json, "primaryKey", primary);
            }

            json.WriteString("keyId", key.KeyId);
            json.WriteStartArray("aliases");
            foreach (var alias in key.Aliases)
            {
                json.WriteStringValue(alias);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        if (resource.Alias is { } aliasFacts)
        {
            json.WriteStartObject("alias");
            json.WriteString("name", aliasFacts.Name);
            String(json, "targetKey", aliasFacts.TargetKey);
            json.WriteEndObject();
        }

        if (resource.EbsEncryptionByDefault is { } byDefault)
        {
            Bool(json, "ebsEncryptionByDefault", byDefault);
        }

        if (resource.NothingStored is { } nothing)
        {
            json.WriteString("nothingStored", nothing);
        }

        json.WriteEndObject();
    }

    private static void Days(Utf8JsonWriter json, string name, Fact<int?> value)
    {
        if (!value.IsKnown)
        {
            Unknown(json, name, value.UnknownReason!);
        }
        else if (value.Value is { } days)
        {
            json.WriteNumber(name, days);
        }
        else
        {
            json.WriteString(name, "forever");
        }
    }

    private static void String(Utf8JsonWriter json, string name, Fact<string?> value)
    {
        if (!value.IsKnown)
        {
            Unknown(json, name, value.UnknownReason!);
        }
        else if (value.Value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value.Value);
        }
    }

    private static void Bool(Utf8JsonWriter json, string name, Fact<bool> value)
    {
        if (value.IsKnown)
        {
            json.WriteBoolean(name, value.Value);
        }
        else
        {
            Unknown(json, name, value.UnknownReason!);
        }
    }

    private static void Int(Utf8JsonWriter json, string name, Fact<int?> value)
    {
        if (!value.IsKnown)
        {
            Unknown(json, name, value.UnknownReason!);
        }
        else if (value.Value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Unknown(Utf8JsonWriter json, string name, string reason)
    {
        json.WriteStartObject(name);
        json.WriteString("unknown", reason);
        json.WriteEndObject();
    }
}

/// <summary>A part of a collection that failed (a Region, a service), kept in the inventory so nothing fails silently.</summary>
public sealed record InventoryError(string? Account, string? Region, string Service, string Message);
