using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.CloudFormation;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// A live resource from CloudFormation-shaped properties (Cloud Control's <c>Properties</c>, or a service API's answer
/// turned into that shape), normalised by the CloudFormation adapter as a template's resource is, so that the
/// catalogue's CloudFormation paths decide its encryption and tags; and a resource whose properties could not be read.
/// </summary>
internal static class CloudFormationShaped
{
    /// <summary>The properties document, or null when it is not a JSON object.</summary>
    public static MappingNode? Parse(ReadOnlyMemory<byte> utf8, SourcePosition at)
    {
        try
        {
            return JsonTreeReader.Parse(utf8, at.File) as MappingNode;
        }
        catch (InputException)
        {
            return null;
        }
    }

    /// <summary>Properties built from a service API's answer (always an object, so always read).</summary>
    public static Resource Read(Scope scope, ResourceEntry type, string identifier, JsonObject properties, string? arn, string source)
    {
        var at = scope.Position(type.Type, identifier);
        var utf8 = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(utf8))
        {
            properties.WriteTo(json);
        }

        var map = Parse(utf8.WrittenMemory, at)
            ?? throw new InvalidOperationException("a JSON object did not read back as a mapping");
        return Read(scope, type, identifier, map, arn, source);
    }

    /// <summary>Tags as CloudFormation lists them: <c>[{"Key": ..., "Value": ...}]</c>.</summary>
    public static JsonArray TagList(IEnumerable<KeyValuePair<string, string>> tags) =>
        [.. tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })];

    /// <summary>
    /// The resource in its account and Region. Its ARN is <paramref name="arn"/> when the source gives it, else the
    /// catalogue's template, else one the properties name; without any, Unknown.
    /// </summary>
    public static Resource Read(Scope scope, ResourceEntry type, string identifier, MappingNode properties, string? arn, string source)
    {
        var read = CloudFormationAdapter.ReadProperties(type.Type, identifier, properties, scope.Position(type.Type, identifier));
        arn ??= read.Arn is { IsKnown: true, Value: { } fromCatalogue } ? fromCatalogue : Arn(type.Type, identifier, properties);
        return read with
        {
            Id = Id(scope, type, identifier, arn),
            Arn = arn is null ? Fact<string?>.Unknown($"{source} does not give the ARN of {type.Type}") : Fact<string?>.Known(arn),
            Account = Fact<string?>.Known(scope.Account),
            Region = Fact<string?>.Known(scope.Region),
        };
    }

    /// <summary>A resource that exists (it was listed) but whose description could not be read: every fact Unknown.</summary>
    public static Resource Unread(Scope scope, ResourceEntry type, string identifier, string? arn, string reason)
    {
        arn ??= identifier.StartsWith("arn:", StringComparison.Ordinal) ? identifier : null;
        return scope.New(type.Type, identifier, arn) with
        {
            Id = Id(scope, type, identifier, arn),
            Arn = arn is null ? Fact<string?>.Unknown(reason) : Fact<string?>.Known(arn),
            Tags = Fact<ImmutableSortedDictionary<string, string>>.Unknown(reason),
            Encryption = type.Kind == ResourceKind.DataStore ? EncryptionState.Unknown(reason) : null,
        };
    }

    /// <summary>
    /// The resource's ARN where the catalogue has no template for it: the identifier when it is one (SNS topics, secrets), else the <c>Arn</c> property or the one
    /// named after the type (<c>DBInstanceArn</c> for <c>AWS::RDS::DBInstance</c>), as CloudFormation schemas name them.
    /// </summary>
    private static string? Arn(string type, string identifier, MappingNode properties)
    {
        if (identifier.StartsWith("arn:", StringComparison.Ordinal))
        {
            return identifier;
        }

        var named = type[(type.LastIndexOf(':') + 1)..] + "Arn";
        return new[] { "Arn", named }
            .Select(p => (properties.Get(p) as ScalarNode)?.Text)
            .FirstOrDefault(t => t is not null && t.StartsWith("arn:", StringComparison.Ordinal));
    }

    /// <summary>The ARN where there is one; else the identifier within its account, Region and type, unique across an inventory.</summary>
    private static string Id(Scope scope, ResourceEntry type, string identifier, string? arn) =>
        arn ?? $"{scope.Account}/{scope.Region}/{type.Type}/{identifier}";
}
