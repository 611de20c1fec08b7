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
        var entries = new Dictionary<string, ContextEntry>(
            16 + request.PrincipalTags.Count + (2 * request.ResourceTags.Count) + request.ObjectTags.Count + request.RequestTags.Count + request.Context.Count,
            StringComparer.Ordinal);

        // Keys are indexed lower-cased (names ignore case); the constants below are written lower-case already.
        void Set(string lowerKey, string key, string[] values) => entries[lowerKey] = new ContextEntry(key, values);
        void SetTags(string lowerPrefix, string prefix, ImmutableDictionary<string, string> tags)
        {
            foreach (var (tagKey, value) in tags)
            {
                // Two tag keys that differ only in case share one context key; the first in ordinal order is kept.
                var key = prefix + tagKey;
                var lower = string.Create(lowerPrefix.Length + tagKey.Length, (lowerPrefix, tagKey), static (chars, parts) =>
                {
                    parts.lowerPrefix.CopyTo(chars);
                    parts.tagKey.AsSpan().ToLowerInvariant(chars[parts.lowerPrefix.Length..]);
                });
                if (!entries.TryGetValue(lower, out var other) || string.CompareOrdinal(key, other.Key) < 0)
                {
                    Set(lower, key, [value]);
                }
            }
        }

        var principal = request.Principal;
        switch (principal.Kind)
        {
            case IamPrincipalKind.Service:
                Set("aws:principalisawsservice", "aws:PrincipalIsAWSService", [True]);
                Set("aws:principalservicename", "aws:PrincipalServiceName", [principal.Name!]);
                Set("aws:principalservicenameslist", "aws:PrincipalServiceNamesList", [principal.Name!]);
                break;
            case IamPrincipalKind.Anonymous:
                Set("aws:principaltype", "aws:PrincipalType", ["Anonymous"]);
                break;
            default:
                Set("aws:principalisawsservice", "aws:PrincipalIsAWSService", [False]);
                Set("aws:principalaccount", "aws:PrincipalAccount", [principal.Account!]);
                Set("aws:principalarn", "aws:PrincipalArn", [principal.Kind == IamPrincipalKind.RoleSession ? principal.RoleArn! : principal.Arn!]);
                Set("aws:principaltype", "aws:PrincipalType", [principal.Kind switch
                {
                    IamPrincipalKind.Root => "Account",
                    IamPrincipalKind.User => "User",
                    IamPrincipalKind.FederatedUser => "FederatedUser",
                    _ => "AssumedRole",
                }]);
                if (principal.Kind == IamPrincipalKind.User)
                {
                    Set("aws:username", "aws:username", [principal.Name!]);
                }

                if (principal.Kind is IamPrincipalKind.User or IamPrincipalKind.RoleSession)
                {
                    SetTags("aws:principaltag/", "aws:PrincipalTag/", request.PrincipalTags);
                }

                break;
        }

        if (request.EffectiveResourceAccount is { } resourceAccount)
        {
            Set("aws:resourceaccount", "aws:ResourceAccount", [resourceAccount]);
        }

        if (request.Time is { } time)
        {
            var (current, epoch) = TimeValues.Of(time);
            Set("aws:currenttime", "aws:CurrentTime", current);
            Set("aws:epochtime", "aws:EpochTime", epoch);
        }

        if (request.Region is { } region)
        {
            Set("aws:requestedregion", "aws:RequestedRegion", [region]);
        }

        var details = request.ActionDetails;
        var type = request.ResourceType;
        bool Carries(string key) => (details?.ListsKey(key) ?? false) || (type?.ListsKey(key) ?? false);

        // S3 puts a general purpose bucket's tags into the context only when the bucket has ABAC enabled, for bucket
        // and object requests alike (docs/iam-engine.md, "Resource tags").
        var s3Bucket = type is { Type.Service: "s3", Type.Name: "bucket" or "object" };
        if (!request.ResourceTags.IsEmpty && (!s3Bucket || request.S3BucketAbac))
        {
            if (Carries("aws:ResourceTag/k"))
            {
                SetTags("aws:resourcetag/", "aws:ResourceTag/", request.ResourceTags);
            }

            if (Carries("s3:BucketTag/k"))
            {
                SetTags("s3:buckettag/", "s3:BucketTag/", request.ResourceTags);
            }
        }

        if (!request.ObjectTags.IsEmpty && Carries("s3:ExistingObjectTag/k"))
        {
            SetTags("s3:existingobjecttag/", "s3:ExistingObjectTag/", request.ObjectTags);
        }

        if (!request.RequestTags.IsEmpty && (details?.CarriesRequestTags(type) ?? true))
        {
            SetTags("aws:requesttag/", "aws:RequestTag/", request.RequestTags);
            Set("aws:tagkeys", "aws:TagKeys", [.. request.RequestTags.Keys.Order(StringComparer.Ordinal)]);
        }

        if (principal.Account is { } callerAccount && Carries("kms:CallerAccount"))
        {
            Set("kms:calleraccount", "kms:CallerAccount", [callerAccount]);
        }

        var viaService = false;
        if (!request.Context.IsEmpty)
        {
            // Named keys replace derived ones; of two named keys that differ only in case, the first in ordinal order is kept.
            var named = new Dictionary<string, ContextEntry>(StringComparer.Ordinal);
            foreach (var (key, values) in request.Context)
            {
                var lower = key.ToLowerInvariant();
                viaService |= lower is "kms:viaservice" or "aws:calledvia";
                if (!named.TryGetValue(lower, out var other) || string.CompareOrdinal(key, other.Key) < 0)
                {
                    named[lower] = new ContextEntry(key, [.. values]);
                }
            }

            foreach (var (lower, entry) in named)
            {
                entries[lower] = entry;
            }
        }

        if (principal.Kind != IamPrincipalKind.Anonymous && !entries.ContainsKey("aws:viaawsservice"))
        {
            Set("aws:viaawsservice", "aws:ViaAWSService", [viaService ? True : False]);
        }

        return new IamRequestContext(entries);
    }

    private const string True = "true";
    private const string False = "false";

    /// <summary>The time keys' values; a batch of requests shares one time, so the last one is kept per thread.</summary>
    private static class TimeValues
    {
        [ThreadStatic]
        private static (DateTimeOffset Time, string[] Current, string[] Epoch)? t_last;

        public static (string[] Current, string[] Epoch) Of(DateTimeOffset time)
        {
            if (t_last is { } last && last.Time == time)
            {
                return (last.Current, last.Epoch);
            }

            var utc = time.ToUniversalTime();
            string[] current = [utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)];
            string[] epoch = [utc.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)];
            t_last = (time, current, epoch);
            return (current, epoch);
        }
    }
}
