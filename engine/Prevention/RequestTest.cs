using System.Collections.Immutable;

namespace Sec08Policy.Engine.Prevention;

/// <summary>What a <see cref="RequestTest"/> asks of one condition key of a request.</summary>
public enum RequestTestKind
{
    /// <summary>The key is present and, read as a Boolean, equals <c>Values[0]</c> (IAM <c>Bool</c>).</summary>
    Bool,

    /// <summary>The key is present and equals one of the values (IAM <c>StringEquals</c>).</summary>
    Equals,

    /// <summary>The key is absent, or equals none of the values (IAM <c>StringNotEquals</c>).</summary>
    NotEquals,

    /// <summary>The key is present and matches one of the wildcard patterns (IAM <c>StringLike</c>).</summary>
    Like,

    /// <summary>The key is absent (IAM <c>Null</c> true).</summary>
    Absent,

    /// <summary>The key is present (IAM <c>Null</c> false).</summary>
    Present,

    /// <summary>The key is present and is a number greater than <c>Values[0]</c> (IAM <c>NumericGreaterThan</c>).</summary>
    GreaterThan,
}

/// <summary>
/// One test on the request context of a create (or change) request: the language's meaning of a preventive control,
/// which the SCP emitter writes as an IAM condition and the access decision procedure evaluates directly.
/// </summary>
public sealed record RequestTest(RequestTestKind Kind, string Key, ImmutableArray<string> Values)
{
    public static RequestTest Bool(string key, bool value) => new(RequestTestKind.Bool, key, [value ? "true" : "false"]);

    public static RequestTest EqualsAny(string key, params IEnumerable<string> values) => new(RequestTestKind.Equals, key, [.. values]);

    public static RequestTest NotEquals(string key, params IEnumerable<string> values) => new(RequestTestKind.NotEquals, key, [.. values]);

    public static RequestTest Like(string key, params IEnumerable<string> patterns) => new(RequestTestKind.Like, key, [.. patterns]);

    public static RequestTest Absent(string key) => new(RequestTestKind.Absent, key, []);

    public static RequestTest Present(string key) => new(RequestTestKind.Present, key, []);

    public static RequestTest GreaterThan(string key, int limit) =>
        new(RequestTestKind.GreaterThan, key, [limit.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
}
