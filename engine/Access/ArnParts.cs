using Sec08Policy.Engine.Iam.Matching;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// The parts of an ARN the decision needs: <c>arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE</c>. The parts are read as
/// spans of the ARN, so that a decision allocates nothing to look at them.
/// </summary>
internal static class ArnParts
{
    private const int ServicePart = 2;
    private const int AccountPart = 4;
    private const int ResourcePartIndex = 5;

    /// <summary>The account part, or null when the ARN has none (S3 buckets and objects) or is no ARN.</summary>
    public static string? Account(string arn) => AccountSpan(arn) is { IsEmpty: false } account ? account.ToString() : null;

    /// <summary>The account part; empty when the ARN has none or is no ARN.</summary>
    public static ReadOnlySpan<char> AccountSpan(string arn) => Part(arn, AccountPart);

    public static string? Service(string arn) => Part(arn, ServicePart, out var service) ? service.ToString() : null;

    /// <summary>Whether the text is an ARN (six parts) of <paramref name="service"/>.</summary>
    public static bool IsService(string arn, string service) => Part(arn, ServicePart, out var part) && part.SequenceEqual(service);

    /// <summary>The resource part (after the fifth colon), or null when the text is no ARN.</summary>
    public static string? ResourcePart(string arn) => Part(arn, ResourcePartIndex, out var resource) ? resource.ToString() : null;

    /// <summary>The resource part; empty when the text is no ARN.</summary>
    public static ReadOnlySpan<char> ResourceSpan(string arn) => Part(arn, ResourcePartIndex);

    /// <summary>An S3 general purpose bucket or object, whose tags reach requests only with bucket ABAC.</summary>
    public static bool IsS3(string arn) => arn.StartsWith("arn:", StringComparison.Ordinal) && IsService(arn, "s3");

    /// <summary>The account's root user, <c>arn:aws:iam::ACCOUNT:root</c>.</summary>
    public static bool IsAccountRoot(string arn) => IsService(arn, "iam") && ResourceSpan(arn).SequenceEqual("root");

    /// <summary>The parts of one ARN, split once: for a request's resource, which a decision looks at several times.</summary>
    public static Parsed Parse(string arn)
    {
        Span<Range> parts = stackalloc Range[ArnMatch.Components];
        var isArn = ArnMatch.Split(arn, parts, ArnMatch.Components) == ArnMatch.Components;
        return isArn ? new Parsed(arn, true, parts[ServicePart], parts[AccountPart], parts[ResourcePartIndex]) : new Parsed(arn, false, default, default, default);
    }

    private static ReadOnlySpan<char> Part(string arn, int index) => Part(arn, index, out var part) ? part : default;

    /// <summary>Splits as <c>arn.Split(':', 6)</c> does; false when there are fewer than six parts.</summary>
    private static bool Part(string arn, int index, out ReadOnlySpan<char> part)
    {
        Span<Range> parts = stackalloc Range[ArnMatch.Components];
        var text = arn.AsSpan();
        if (ArnMatch.Split(text, parts, ArnMatch.Components) != ArnMatch.Components)
        {
            part = default;
            return false;
        }

        part = text[parts[index]];
        return true;
    }

    /// <summary>An ARN's service, account and resource parts; all empty when the text is no ARN (six parts).</summary>
    public readonly record struct Parsed(string Text, bool IsArn, Range ServiceRange, Range AccountRange, Range ResourceRange)
    {
        public ReadOnlySpan<char> Service => IsArn ? Text.AsSpan()[ServiceRange] : default;

        public ReadOnlySpan<char> Account => IsArn ? Text.AsSpan()[AccountRange] : default;

        public ReadOnlySpan<char> Resource => IsArn ? Text.AsSpan()[ResourceRange] : default;

        /// <summary>An ARN (it starts with <c>arn:</c>) of <paramref name="service"/>.</summary>
        public bool Names(string service) => IsArn && Text.StartsWith("arn:", StringComparison.Ordinal) && Service.SequenceEqual(service);
    }
}
