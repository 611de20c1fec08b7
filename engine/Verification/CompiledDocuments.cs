using System.Collections.Frozen;
using System.Collections.Immutable;
using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Iam;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Verification;

/// <summary>
/// The IAM documents a build writes, deployed as docs/build.md describes: every <c>iam/RULE.json</c> attached to every
/// principal, every <c>scp/N.json</c> attached to the account beside FullAWSAccess, every <c>rcp/N.json</c> attached to
/// the account beside RCPFullAWSAccess, and each <c>kms/KEY.json</c> as the policy of its key. <see cref="Decide(AccessRequest, KeySpec?)"/> asks the IAM decision engine what they decide for an access request.
/// </summary>
public sealed class CompiledDocuments
{
    private readonly IamPolicySet _withoutKey;
    private readonly FrozenDictionary<string, IamPolicySet> _byKey;

    private CompiledDocuments(IamPolicySet withoutKey, FrozenDictionary<string, IamPolicySet> byKey)
    {
        _withoutKey = withoutKey;
        _byKey = byKey;
    }

    /// <summary>
    /// Parses the documents of a build (path and content, as <c>build</c> writes them); other artifacts are ignored. A
    /// document the IAM engine cannot read is a defect of the compiler, reported as an exception.
    /// </summary>
    public static CompiledDocuments From(IEnumerable<(string Path, string Content)> artifacts)
    {
        var identity = new List<IamPolicyDocument>();
        var scps = new List<IamPolicyDocument>();
        var rcps = new List<IamPolicyDocument>();
        var keys = new Dictionary<string, IamPolicyDocument>(StringComparer.Ordinal);
        foreach (var (path, content) in artifacts.OrderBy(a => a.Path, StringComparer.Ordinal))
        {
            var kind = path switch
            {
                _ when path.StartsWith("iam/", StringComparison.Ordinal) => IamPolicyKind.Identity,
                _ when path.StartsWith("scp/", StringComparison.Ordinal) => IamPolicyKind.ServiceControl,
                _ when path.StartsWith("rcp/", StringComparison.Ordinal) => IamPolicyKind.ResourceControl,
                _ when path.StartsWith("kms/", StringComparison.Ordinal) => IamPolicyKind.KeyPolicy,
                _ => (IamPolicyKind?)null,
            };
            if (kind is not { } known || !path.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            var parsed = IamPolicyDocument.Parse(content, known, path);
            if (!parsed.Success)
            {
                throw new InvalidOperationException($"{path}{parsed.Problems[0]}: the IAM decision engine cannot read a document the build wrote");
            }

            switch (known)
            {
                case IamPolicyKind.Identity:
                    identity.Add(parsed.Document!);
                    break;
                case IamPolicyKind.ServiceControl:
                    scps.Add(parsed.Document!);
                    break;
                case IamPolicyKind.ResourceControl:
                    rcps.Add(parsed.Document!);
                    break;
                default:
                    keys[Path.GetFileNameWithoutExtension(path)] = parsed.Document!;
                    break;
            }
        }

        ImmutableArray<IamPolicyLevel> levels = scps.Count == 0
            ? []
            : [new IamPolicyLevel("root", [IamPolicyDocument.FullAwsAccess]), new IamPolicyLevel("account", [IamPolicyDocument.FullAwsAccess, .. scps])];
        ImmutableArray<IamPolicyLevel> resourceLevels = rcps.Count == 0
            ? []
            : [new IamPolicyLevel("root", [IamPolicyDocument.RcpFullAwsAccess]), new IamPolicyLevel("account", [IamPolicyDocument.RcpFullAwsAccess, .. rcps])];
        var withoutKey = new IamPolicySet { IdentityPolicies = [.. identity], ServiceControlPolicies = levels, ResourceControlPolicies = resourceLevels };
        return new CompiledDocuments(
            withoutKey,
            keys.ToFrozenDictionary(k => k.Key, k => new IamPolicySet { IdentityPolicies = [.. identity], ServiceControlPolicies = levels, ResourceControlPolicies = resourceLevels, ResourcePolicy = k.Value }, StringComparer.Ordinal));
    }

    /// <summary>
    /// What the documents decide. <paramref name="key"/> is the declared key the request names (by its alias ARN), whose
    /// policy then applies to the request on the key's ARN.
    /// </summary>
    public IamDecision Decide(AccessRequest request, KeySpec? key) => Decide(ToIam(request, key), key);

    /// <summary>What the documents decide for a request already in the IAM engine's form (<see cref="ToIam"/>), which may be decided again.</summary>
    public IamDecision Decide(IamRequest request, KeySpec? key) =>
        (key is not null && _byKey.TryGetValue(key.Name, out var keyed) ? keyed : _withoutKey).Decide(request);

    /// <summary>The request as the IAM engine takes it: request tags apart from other context keys, a key by its ARN.</summary>
    public static IamRequest ToIam(AccessRequest request, KeySpec? key)
    {
        var requestTags = ImmutableDictionary<string, string>.Empty;
        var context = EmptyContext;
        if (request.Context.Count > 0)
        {
            var requestTagsBuilder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            var contextBuilder = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in request.Context)
            {
                if (name.StartsWith(RequestTagPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    requestTagsBuilder[name[RequestTagPrefix.Length..]] = value;
                }
                else
                {
                    contextBuilder[name] = [value];
                }
            }

            requestTags = requestTagsBuilder.ToImmutable();
            context = contextBuilder.ToImmutable();
        }

        return new IamRequest
        {
            Principal = s_principals[request.Principal],
            Action = request.Action,
            Resource = key is null ? request.Resource : AccessDecider.KeyArn(request.Resource, key),
            PrincipalTags = Tags(request.PrincipalTags),
            ResourceTags = Tags(request.ResourceTags),
            RequestTags = requestTags,
            Context = context,
            S3BucketAbac = request.S3BucketAbac,
            Time = request.Time,
        };
    }

    private static ImmutableDictionary<string, string> Tags(IReadOnlyDictionary<string, string> tags) =>
        tags.Count == 0 ? ImmutableDictionary<string, string>.Empty : tags.ToImmutableDictionary(StringComparer.Ordinal);

    // Parsing a principal ARN is the dearest part of a request's conversion, and batches name few principals.
    private static readonly InternTable<IamPrincipal> s_principals = new(IamPrincipal.Parse);

    private static readonly ImmutableDictionary<string, ImmutableArray<string>> EmptyContext =
        ImmutableDictionary<string, ImmutableArray<string>>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    private const string RequestTagPrefix = "aws:RequestTag/";
}
