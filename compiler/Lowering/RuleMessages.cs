using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Lowering;

/// <summary>The sentences findings show: what a rule demands, and how to fix a failure.</summary>
internal static class RuleMessages
{
    public static string Describe(RequirementSymbol requirement, BoundClause clause, LevelRange? levels)
    {
        var onlyKeys = requirement.Services is ["kms"];
        var subject = onlyKeys ? "KMS keys" : "data";
        var scope = levels is null ? Capitalize(subject) : $"{Capitalize(JoinAnd(levels.Levels))} {subject}";
        var demand = clause.Assertion.Kind switch
        {
            AssertionKind.Encrypted => "be encrypted at rest",
            AssertionKind.EncryptedWithCustomerManagedKey => "be encrypted with a customer-managed KMS key",
            AssertionKind.EncryptedWithKey => $"be encrypted with key `{clause.Assertion.Key!.Name}`{(clause.Assertion.Key.Alias is { } alias ? $" ({alias})" : string.Empty)}",
            AssertionKind.KeyRotation when onlyKeys => clause.Assertion.Days is { } keyDays ? $"rotate automatically at least every {keyDays} days" : "rotate automatically",
            AssertionKind.KeyRotation => clause.Assertion.Days is { } days ? $"use a key that rotates at least every {days} days" : "use a key with automatic rotation",
            AssertionKind.KeySpec => $"{(onlyKeys ? "have" : "use a key with")} key spec {clause.Assertion.Demand}",
            AssertionKind.KeyOrigin => $"{(onlyKeys ? "have" : "use a key with")} key material from {clause.Assertion.Demand}",
            AssertionKind.KeyReplicated => $"{(onlyKeys ? "be" : "use a key")} replicated to {string.Join(", ", clause.Assertion.Values)}",
            AssertionKind.CopiesEncrypted => "have encrypted copies (snapshots, replicas, backup copies)",
            AssertionKind.CopiesEncryptedWithKey => $"have copies encrypted with key `{clause.Assertion.Key!.Name}`{(clause.Assertion.Key.Alias is { } copyAlias ? $" ({copyAlias})" : string.Empty)}",
            AssertionKind.RetentionAtLeast => $"be kept at least {clause.Assertion.Days} days",
            AssertionKind.RetentionAtMost => $"be deleted within {clause.Assertion.Days} days",
            AssertionKind.Regions => $"stay in {string.Join(", ", clause.Assertion.Values)}",
            AssertionKind.Tags => $"carry the tag{(clause.Assertion.Values.Length == 1 ? string.Empty : "s")} {string.Join(", ", clause.Assertion.Values.Select(v => $"`{v}`"))}",
            _ => throw new InvalidOperationException($"unexpected assertion {clause.Assertion.Kind}"),
        };
        return $"{scope} must {demand}";
    }

    private static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "no",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string DefaultRemediation(BoundAssertion assertion) => assertion.Kind switch
    {
        AssertionKind.Encrypted => "turn on encryption at rest (for services that cannot encrypt in place, copy the data into an encrypted resource)",
        AssertionKind.EncryptedWithCustomerManagedKey => "encrypt with a customer-managed KMS key declared in the policy instead of an AWS managed or owned key",
        AssertionKind.EncryptedWithKey => $"encrypt with the key {assertion.Key!.Alias ?? assertion.Key.Name}",
        AssertionKind.KeyRotation => assertion.Days is { } days
            ? $"enable automatic rotation on the key with a period of at most {days} days"
            : "enable automatic rotation on the key",
        AssertionKind.KeySpec => $"use a key of key spec {assertion.Demand} (the spec is fixed when a key is created, so create a new key and re-encrypt)",
        AssertionKind.KeyOrigin => $"use a key whose material comes from {assertion.Demand} (the origin is fixed when a key is created)",
        AssertionKind.KeyReplicated => $"make the key multi-Region and replicate it to {string.Join(", ", assertion.Values)}",
        AssertionKind.CopiesEncrypted => "encrypt the copies: ask for encryption on each copy, replication rule and copy action (a copy of an unencrypted snapshot can be encrypted when it is made)",
        AssertionKind.CopiesEncryptedWithKey => $"name key `{assertion.Key!.Name}` for the copies: the snapshot copy's, replica's, replication rule's or destination vault's key",
        AssertionKind.RetentionAtLeast => $"set the retention (retention period, lifecycle expiration, vault lock minimum, backup lifecycle) to at least {assertion.Days} days",
        AssertionKind.RetentionAtMost => $"set the retention (retention period, lifecycle expiration, vault lock maximum, backup lifecycle) to at most {assertion.Days} days",
        AssertionKind.Regions => $"recreate the resource in {string.Join(", ", assertion.Values)}",
        AssertionKind.Tags => $"add the tags {string.Join(", ", assertion.Values)}",
        _ => throw new InvalidOperationException($"unexpected assertion {assertion.Kind}"),
    };
}
