using System.Collections.Immutable;
using System.Globalization;
using Sec08Policy.Engine.Iam.Conditions;

namespace Sec08Policy.Engine.Iam;

/// <summary>
/// The condition keys of one request and their values, as AWS would present them to the policies. Built once per
/// request by <see cref="IamRequest.RequestContext"/>; keys compare ignoring case.
/// </summary>
public sealed class IamRequestContext
{
    private readonly Dictionary<string, ContextEntry> _entries;

    private IamRequestContext(Dictionary<string, ContextEntry> entries)
    {
        _entries = entries;
    }

    /// <summary>Every key with its values, in ordinal order of the key, spelled as first added.</summary>
    public IEnumerable<KeyValuePair<string, ImmutableArray<string>>> Entries =>
        _entries.Values.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, ImmutableArray.Create(e.Values)));

    public bool Contains(string key) => _entries.ContainsKey(key.ToLowerInvariant());

    public bool TryGetValues(string key, out ImmutableArray<string> values)
    {
        var found = _entries.TryGetValue(key.ToLowerInvariant(), out var entry);
        values = found ? ImmutableArray.Create(entry!.Values) : default;
        return found;
    }

    internal ContextEntry? Find(string lowerKey) => _entries.GetValueOrDefault(lowerKey);

    /// <summary>The value of a single-valued key, as a policy variable takes it; null when absent or multi-valued.</summary>
    internal string? SingleValue(string lowerKey) =>
        _entries.TryGetValue(lowerKey, out var entry) && entry.Values.Length == 1 ? entry.Values[0] : null;

    internal static IamRequestContext Build(IamRequest request)
    {
        var entries = new Dictionary<string, ContextEntry>(StringComparer.Ordinal);
        void Set(string key, params string[] values) => entries[key.ToLowerInvariant()] = new ContextEntry(key, values);
        void SetTags(string prefix, ImmutableDictionary<string, string> tags)
        {
            // Two tag keys that differ only in case would share one context key; the first in ordinal order is kept.
            foreach (var tag in tags.OrderByDescending(t => t.Key, StringComparer.Ordinal))
            {
                Set(prefix + tag.Key, tag.Value);
            }
        }

        var principal = request.Principal;
        switch (principal.Kind)
        {
            case IamPrincipalKind.Service:
                Set("aws:PrincipalIsAWSService", "true");
                Set("aws:PrincipalServiceName", principal.Name!);
                Set("aws:PrincipalServiceNamesList", principal.Name!);
                break;
            case IamPrincipalKind.Anonymous:
                Set("aws:PrincipalType", "Anonymous");
                break;
            default:
                Set("aws:PrincipalIsAWSService", "false");
                Set("aws:PrincipalAccount", principal.Account!);
                Set("aws:PrincipalArn", principal.Kind == IamPrincipalKind.RoleSession ? principal.RoleArn! : principal.Arn!);
                Set("aws:PrincipalType", principal.Kind switch
                {
                    IamPrincipalKind.Root => "Account",
                    IamPrincipalKind.User => "User",
                    IamPrincipalKind.FederatedUser => "FederatedUser",
                    _ => "AssumedRole",
                });
                if (principal.Kind == IamPrincipalKind.User)
                {
                    Set("aws:username", principal.Name!);
                }

                if (principal.Kind is IamPrincipalKind.User or IamPrincipalKind.RoleSession)
                {
                    SetTags("aws:PrincipalTag/", request.PrincipalTags);
                }

                break;
        }

        if (request.EffectiveResourceAccount is { } resourceAccount)
        {
            Set("aws:ResourceAccount", resourceAccount);
        }

        if (request.Time is { } time)
        {
            var utc = time.ToUniversalTime();
            Set("aws:CurrentTime", utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            Set("aws:EpochTime", utc.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        if (request.Region is { } region)
        {
            Set("aws:RequestedRegion", region);
        }

        var details = request.ActionDetails;
        var type = request.ResourceType;
        bool Carries(string key) => (details?.ListsKey(key) ?? false) || (type?.ListsKey(key) ?? false);

        // S3 puts a general purpose bucket's tags into the context only when the bucket has ABAC enabled, for bucket
        // and object requests alike (docs/iam-engine.md, "Resource tags").
        var s3Bucket = type is { Type.Service: "s3", Type.Name: "bucket" or "object" };
        if (!s3Bucket || request.S3BucketAbac)
        {
            if (Carries("aws:ResourceTag/k"))
            {
                SetTags("aws:ResourceTag/", request.ResourceTags);
            }

            if (Carries("s3:BucketTag/k"))
            {
                SetTags("s3:BucketTag/", request.ResourceTags);
            }
        }

        if (Carries("s3:ExistingObjectTag/k"))
        {
            SetTags("s3:ExistingObjectTag/", request.ObjectTags);
        }

        if (!request.RequestTags.IsEmpty)
        {
            SetTags("aws:RequestTag/", request.RequestTags);
            Set("aws:TagKeys", [.. request.RequestTags.Keys.Order(StringComparer.Ordinal)]);
        }

        if (principal.Account is { } callerAccount && Carries("kms:CallerAccount"))
        {
            Set("kms:CallerAccount", callerAccount);
        }

        if (principal.Kind != IamPrincipalKind.Anonymous)
        {
            var viaService = request.Context.Keys.Any(k => k.Equals("kms:ViaService", StringComparison.OrdinalIgnoreCase) || k.Equals("aws:CalledVia", StringComparison.OrdinalIgnoreCase));
            Set("aws:ViaAWSService", viaService ? "true" : "false");
        }

        foreach (var entry in request.Context.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Set(entry.Key, [.. entry.Value]);
        }

        return new IamRequestContext(entries);
    }
}
