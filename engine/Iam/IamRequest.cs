using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog;

namespace Sec08Policy.Engine.Iam;

/// <summary>
/// One access request: who asks, for which action on which resource, with the tags and context keys AWS would see.
/// <see cref="RequestContext"/> is built from it once, on first use, as AWS builds a request context (see
/// docs/iam-engine.md); keys named in <see cref="Context"/> are added as given and override derived ones.
/// </summary>
public sealed class IamRequest
{
    private IamRequestContext? _context;
    private ActionResolution? _action;

    public required IamPrincipal Principal { get; init; }

    /// <summary>The action, <c>service:Action</c> (any case).</summary>
    public required string Action { get; init; }

    /// <summary>The resource ARN, or <c>*</c> for actions that act on no particular resource.</summary>
    public string Resource { get; init; } = "*";

    /// <summary>The account that owns the resource; when null, the account in <see cref="Resource"/>, else the principal's (S3 ARNs name no account).</summary>
    public string? ResourceAccount { get; init; }

    /// <summary>The tags of the principal (the user, or the role with its session tags): <c>aws:PrincipalTag/*</c>.</summary>
    public ImmutableDictionary<string, string> PrincipalTags { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// The tags of the resource: <c>aws:ResourceTag/*</c> where the action's resource type carries that key. For S3
    /// buckets and objects these are the bucket's tags, present only when <see cref="S3BucketAbac"/> is on.
    /// </summary>
    public ImmutableDictionary<string, string> ResourceTags { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The tags already on an S3 object: <c>s3:ExistingObjectTag/*</c>, for the actions that carry that key.</summary>
    public ImmutableDictionary<string, string> ObjectTags { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The tags the request sets: <c>aws:RequestTag/*</c> and the multi-valued <c>aws:TagKeys</c>.</summary>
    public ImmutableDictionary<string, string> RequestTags { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// Further context keys, each with one value or several (multi-valued keys such as <c>aws:CalledVia</c>):
    /// <c>s3:x-amz-server-side-encryption</c>, <c>kms:ViaService</c>, <c>kms:EncryptionContext:*</c>,
    /// <c>aws:SourceIp</c>, ... Key names compare ignoring case.
    /// </summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Context { get; init; } =
        ImmutableDictionary<string, ImmutableArray<string>>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>The time of the request: <c>aws:CurrentTime</c> and <c>aws:EpochTime</c>; both are absent when null.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The Region the request goes to: <c>aws:RequestedRegion</c>; absent when null.</summary>
    public string? Region { get; init; }

    /// <summary>Whether the S3 bucket has attribute-based access control enabled (off by default for general purpose buckets).</summary>
    public bool S3BucketAbac { get; init; }

    /// <summary>The account that owns the resource (see <see cref="ResourceAccount"/>).</summary>
    public string? EffectiveResourceAccount => Resolution.ResourceAccount;

    /// <summary>The action as the catalogue knows it, or null for an action it does not list.</summary>
    public IamActionDetails? ActionDetails => Resolution.Details;

    /// <summary>The resource type of <see cref="Resource"/> for this action (by its ARN pattern), or null when none fits.</summary>
    public IamActionResourceType? ResourceType => Resolution.Type;

    /// <summary>The keys and values AWS would evaluate the policies against.</summary>
    public IamRequestContext RequestContext => _context ??= IamRequestContext.Build(this);

    private ActionResolution Resolution => _action ??= ActionResolution.Of(this);

    /// <summary>What the request's action, resource and account resolve to, worked out once.</summary>
    private sealed record ActionResolution(IamActionDetails? Details, IamActionResourceType? Type, string? ResourceAccount)
    {
        public static ActionResolution Of(IamRequest request)
        {
            var details = IamActionCatalog.Default.FindAction(request.Action);
            var type = request.Resource == "*" ? null : details?.ResourceTypeOf(request.Resource);
            return new ActionResolution(details, type, request.ResourceAccount ?? ArnAccount(request.Resource) ?? request.Principal.Account);
        }

        /// <summary>The fifth component of an ARN when it is a 12-digit account ID.</summary>
        private static string? ArnAccount(string arn)
        {
            Span<Range> parts = stackalloc Range[6];
            var span = arn.AsSpan();
            return span.Split(parts, ':') == 6 && span[parts[4]] is { Length: 12 } account && !account.ContainsAnyExceptInRange('0', '9')
                ? account.ToString()
                : null;
        }
    }
}
