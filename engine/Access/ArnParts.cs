namespace Sec08Policy.Engine.Access;

/// <summary>The parts of an ARN the decision needs: <c>arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE</c>.</summary>
internal static class ArnParts
{
    /// <summary>The account part, or null when the ARN has none (S3 buckets and objects) or is no ARN.</summary>
    public static string? Account(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[4].Length > 0 ? parts[4] : null;
    }

    public static string? Service(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 ? parts[2] : null;
    }

    /// <summary>The resource part (after the fifth colon), or null when the text is no ARN.</summary>
    public static string? ResourcePart(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 ? parts[5] : null;
    }

    /// <summary>An S3 general purpose bucket or object, whose tags reach requests only with bucket ABAC.</summary>
    public static bool IsS3(string arn) => arn.StartsWith("arn:", StringComparison.Ordinal) && Service(arn) == "s3";

    /// <summary>The account's root user, <c>arn:aws:iam::ACCOUNT:root</c>.</summary>
    public static bool IsAccountRoot(string arn) => Service(arn) == "iam" && ResourcePart(arn) == "root";
}
