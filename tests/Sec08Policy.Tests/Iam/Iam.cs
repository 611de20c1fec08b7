using System.Collections.Immutable;
using Sec08Policy.Engine.Iam;

namespace Sec08Policy.Tests.Iam;

/// <summary>Builders for the IAM engine's tests: documents that must parse, requests with short argument lists.</summary>
internal static class Iam
{
    public const string Account = "111122223333";
    public const string OtherAccount = "444455556666";
    public const string Role = "arn:aws:iam::111122223333:role/DataPlatform";
    public const string User = "arn:aws:iam::111122223333:user/alice";
    public static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    public static IamPolicyDocument Doc(string json, IamPolicyKind kind = IamPolicyKind.Identity, string name = "policy")
    {
        var result = IamPolicyDocument.Parse(json, kind, name);
        Assert.That(result.Problems, Is.Empty, "the test's policy must parse");
        return result.Document!;
    }

    /// <summary>An identity policy of one statement.</summary>
    public static IamPolicyDocument Statement(string statement, IamPolicyKind kind = IamPolicyKind.Identity, string name = "policy") =>
        Doc($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""", kind, name);

    public static IamRequest Request(
        string action = "s3:GetObject",
        string resource = "arn:aws:s3:::data-bucket/report.csv",
        string principal = Role,
        IEnumerable<(string Key, string Value)>? principalTags = null,
        IEnumerable<(string Key, string Value)>? resourceTags = null,
        IEnumerable<(string Key, string Value)>? context = null,
        IEnumerable<(string Key, string Value)>? requestTags = null,
        IEnumerable<(string Key, string Value)>? objectTags = null,
        bool abac = false,
        string? resourceAccount = null) => new()
    {
        Principal = IamPrincipal.Parse(principal),
        Action = action,
        Resource = resource,
        ResourceAccount = resourceAccount,
        PrincipalTags = Tags(principalTags),
        ResourceTags = Tags(resourceTags),
        ObjectTags = Tags(objectTags),
        RequestTags = Tags(requestTags),
        Context = (context ?? []).GroupBy(c => c.Key, StringComparer.OrdinalIgnoreCase)
            .ToImmutableDictionary(g => g.Key, g => g.Select(c => c.Value).ToImmutableArray(), StringComparer.OrdinalIgnoreCase),
        Time = Now,
        S3BucketAbac = abac,
    };

    public static ImmutableDictionary<string, string> Tags(IEnumerable<(string Key, string Value)>? tags) =>
        (tags ?? []).ToImmutableDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    /// <summary>Decides with one identity policy and nothing else.</summary>
    public static IamDecision DecideIdentity(IamPolicyDocument identity, IamRequest request, IamEvaluationOptions? options = null) =>
        new IamPolicySet { IdentityPolicies = [identity] }.Decide(request, options);
}
