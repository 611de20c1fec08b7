using System.Collections.Frozen;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// A request to decide: who (an IAM role, user or account root ARN, with its tags), what action, on which resource
/// (an ARN, with its tags; a key by its alias ARN), with which request context keys, whether the S3 bucket has ABAC
/// enabled, and when. Tag keys and context key names compare without regard to case, as IAM compares condition
/// key names; values compare exactly.
/// </summary>
public sealed record AccessRequest
{
    private readonly FrozenDictionary<string, string> _principalTags = Empty;
    private readonly FrozenDictionary<string, string> _resourceTags = Empty;
    private readonly FrozenDictionary<string, string> _context = Empty;

    public static FrozenDictionary<string, string> Empty { get; } = new Dictionary<string, string>().ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public required string Principal { get; init; }

    public required string Action { get; init; }

    public required string Resource { get; init; }

    public IReadOnlyDictionary<string, string> PrincipalTags { get => _principalTags; init => _principalTags = Normalize(value); }

    public IReadOnlyDictionary<string, string> ResourceTags { get => _resourceTags; init => _resourceTags = Normalize(value); }

    /// <summary>Request context keys (<c>aws:RequestTag/team</c>, <c>kms:ViaService</c>, ...) with their values.</summary>
    public IReadOnlyDictionary<string, string> Context { get => _context; init => _context = Normalize(value); }

    /// <summary>Whether the S3 bucket the request concerns has attribute-based access control enabled.</summary>
    public bool S3BucketAbac { get; init; }

    public DateTimeOffset Time { get; init; }

    internal FrozenDictionary<string, string> PrincipalTagMap => _principalTags;

    internal FrozenDictionary<string, string> ResourceTagMap => _resourceTags;

    internal FrozenDictionary<string, string> ContextMap => _context;

    private static FrozenDictionary<string, string> Normalize(IReadOnlyDictionary<string, string> values) =>
        values is FrozenDictionary<string, string> frozen && ReferenceEquals(frozen.Comparer, StringComparer.OrdinalIgnoreCase)
            ? frozen
            : values.Count == 0 ? Empty : values.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
