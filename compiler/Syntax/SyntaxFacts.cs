using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>Keywords, operators and which members each kind of block accepts.</summary>
public static class SyntaxFacts
{
    public const string FileExtension = ".sec08";

    /// <summary>Parentheses deeper than this are refused so that parsing never exhausts the stack.</summary>
    public const int MaxNestingDepth = 64;

    /// <summary>Longer <c>and</c>/<c>or</c> chains are refused: no IAM document could hold them, and tree walks stay shallow.</summary>
    public const int MaxChainLength = 512;

    /// <summary>
    /// A condition with more <c>and</c>, <c>or</c> and <c>not</c> operators than this is refused, so that its tree is
    /// never deeper than this plus <see cref="MaxNestingDepth"/>: every later walk of it (binding, lowering,
    /// formatting, emitting) then stays far from the end of the stack.
    /// </summary>
    public const int MaxConditionOperators = 1024;

    public static ImmutableArray<string> DeclarationKeywords { get; } =
        ["policy", "import", "classification", "key", "require", "allow", "deny", "waive", "perimeter"];

    private static readonly FrozenDictionary<MemberKind, string> s_memberKeywords = new Dictionary<MemberKind, string>
    {
        [MemberKind.Description] = "description",
        [MemberKind.Owner] = "owner",
        [MemberKind.Account] = "account",
        [MemberKind.Tag] = "tag",
        [MemberKind.Levels] = "levels",
        [MemberKind.Default] = "default",
        [MemberKind.Alias] = "alias",
        [MemberKind.Protects] = "protects",
        [MemberKind.Rotation] = "rotation every",
        [MemberKind.DeletionWindow] = "deletion window",
        [MemberKind.MultiRegion] = "multi_region",
        [MemberKind.Spec] = "spec",
        [MemberKind.Origin] = "origin",
        [MemberKind.Replicas] = "replicas",
        [MemberKind.Administrators] = "administrators",
        [MemberKind.Users] = "users",
        [MemberKind.UsableVia] = "usable via",
        [MemberKind.UsableByAccounts] = "usable by accounts",
        [MemberKind.EncryptionContext] = "encryption context",
        [MemberKind.Clause] = "classification",
        [MemberKind.Enforce] = "enforce",
        [MemberKind.Severity] = "severity",
        [MemberKind.Control] = "control",
        [MemberKind.Compliance] = "compliance",
        [MemberKind.Remediation] = "remediation",
        [MemberKind.Actions] = "actions",
        [MemberKind.Resources] = "resources",
        [MemberKind.Principals] = "principals",
        [MemberKind.Keys] = "keys",
        [MemberKind.When] = "when",
        [MemberKind.Unless] = "unless",
        [MemberKind.Until] = "until",
        [MemberKind.Justification] = "justification",
        [MemberKind.Requirement] = "requirement",
        [MemberKind.Reason] = "reason",
        [MemberKind.Expires] = "expires",
        [MemberKind.S3BucketAbac] = "s3_bucket_abac",
        [MemberKind.Organizations] = "organizations",
        [MemberKind.TrustedAccounts] = "accounts",
        [MemberKind.ResourceAccounts] = "resource accounts",
        [MemberKind.VpcEndpoints] = "vpc endpoints",
        [MemberKind.Vpcs] = "vpcs",
        [MemberKind.Cidrs] = "cidrs",
        [MemberKind.ExceptPrincipals] = "except principals",
        [MemberKind.Services] = "services",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<DeclarationKind, ImmutableArray<MemberKind>> s_members =
        new Dictionary<DeclarationKind, ImmutableArray<MemberKind>>
        {
            [DeclarationKind.Policy] = [MemberKind.Description, MemberKind.Owner, MemberKind.Account, MemberKind.S3BucketAbac],
            [DeclarationKind.Classification] = [MemberKind.Description, MemberKind.Tag, MemberKind.Levels, MemberKind.Default],
            [DeclarationKind.Key] =
            [
                MemberKind.Description, MemberKind.Alias, MemberKind.Protects, MemberKind.Spec, MemberKind.Origin,
                MemberKind.Rotation, MemberKind.DeletionWindow, MemberKind.MultiRegion, MemberKind.Replicas, MemberKind.Administrators, MemberKind.Users, MemberKind.UsableVia,
                MemberKind.UsableByAccounts, MemberKind.EncryptionContext,
            ],
            [DeclarationKind.Requirement] =
            [
                MemberKind.Description, MemberKind.Clause, MemberKind.Enforce, MemberKind.Severity, MemberKind.Control,
                MemberKind.Compliance, MemberKind.Remediation,
            ],
            [DeclarationKind.Allow] = AccessRuleMembers,
            [DeclarationKind.Deny] = AccessRuleMembers,
            [DeclarationKind.Waiver] =
                [MemberKind.Resources, MemberKind.Requirement, MemberKind.Reason, MemberKind.Owner, MemberKind.Expires],
            [DeclarationKind.Perimeter] =
            [
                MemberKind.Description, MemberKind.Services, MemberKind.Organizations, MemberKind.TrustedAccounts, MemberKind.ResourceAccounts,
                MemberKind.VpcEndpoints, MemberKind.Vpcs, MemberKind.Cidrs, MemberKind.ExceptPrincipals, MemberKind.Unless,
            ],
        }.ToFrozenDictionary();

    private static ImmutableArray<MemberKind> AccessRuleMembers =>
    [
        MemberKind.Description, MemberKind.Actions, MemberKind.Resources, MemberKind.Principals, MemberKind.Keys,
        MemberKind.When, MemberKind.Unless, MemberKind.Until, MemberKind.Justification,
    ];

    /// <summary>The keywords that introduce a member, e.g. <c>deletion window</c>.</summary>
    public static string GetKeywordText(MemberKind kind) => s_memberKeywords[kind];

    public static string GetKeywordText(DeclarationKind kind) => kind switch
    {
        DeclarationKind.Policy => "policy",
        DeclarationKind.Import => "import",
        DeclarationKind.Classification => "classification",
        DeclarationKind.Key => "key",
        DeclarationKind.Requirement => "require",
        DeclarationKind.Allow => "allow",
        DeclarationKind.Deny => "deny",
        DeclarationKind.Waiver => "waive",
        DeclarationKind.Perimeter => "perimeter",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unexpected declaration kind"),
    };

    /// <summary>How a declaration kind is named in messages.</summary>
    public static string Describe(DeclarationKind kind) => kind switch
    {
        DeclarationKind.Policy => "the policy header",
        DeclarationKind.Import => "import",
        DeclarationKind.Classification => "classification",
        DeclarationKind.Key => "key",
        DeclarationKind.Requirement => "requirement",
        DeclarationKind.Allow => "allow rule",
        DeclarationKind.Deny => "deny rule",
        DeclarationKind.Waiver => "waiver",
        DeclarationKind.Perimeter => "perimeter",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unexpected declaration kind"),
    };

    public static ImmutableArray<MemberKind> GetMembers(DeclarationKind kind) => s_members[kind];

    /// <summary>The member keywords a block accepts, for "expected ..." messages.</summary>
    public static string DescribeMembers(DeclarationKind kind)
    {
        var words = GetMembers(kind)
            .Select(k => k == MemberKind.Clause ? "a clause (`encrypted`, `key rotation`, `key spec`, `key origin`, `key replicated to`, `copies encrypted`, `retention`, `regions` or `tags`, optionally after `classification OP LEVEL:`)" : GetKeywordText(k));
        return string.Join(", ", words) + " or `}`";
    }

    public static string GetText(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unexpected operator"),
    };

    public static bool IsOrdering(ComparisonOperator op) => op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual);

    /// <summary>Whether <c>left OP right</c> holds for two level ranks.</summary>
    public static bool Holds(int left, ComparisonOperator op, int right) => op switch
    {
        ComparisonOperator.Equal => left == right,
        ComparisonOperator.NotEqual => left != right,
        ComparisonOperator.Less => left < right,
        ComparisonOperator.LessOrEqual => left <= right,
        ComparisonOperator.Greater => left > right,
        ComparisonOperator.GreaterOrEqual => left >= right,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unexpected operator"),
    };

    public static string GetText(LogicalOperator op) => op == LogicalOperator.And ? "and" : "or";

    public static string GetText(TagScope scope) => scope switch
    {
        TagScope.Principal => "principal",
        TagScope.Resource => "resource",
        TagScope.Request => "request",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unexpected tag scope"),
    };

    public static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    /// <summary>True when <paramref name="text"/> can be written as a bare tag key after <c>.tag.</c>.</summary>
    public static bool IsBareTagKey(string text) =>
        text.Length > 0 && IsIdentifierStart(text[0]) && text.All(IsIdentifierPart) && !IsReservedWord(text);

    /// <summary>Words that cannot be used as level names or tag keys without quotes.</summary>
    public static bool IsReservedWord(string text) => text is "and" or "or" or "not" or "in" or "true" or "false";
}
