using System.Collections.Frozen;
using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;
using Sprache;
using static Sec08Policy.Compiler.Syntax.ExpressionGrammar;
using static Sec08Policy.Compiler.Syntax.Tokens;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>Member lines of blocks. Each member starts with its own keywords, so a block tries them in turn.</summary>
internal static class MemberGrammar
{
    private static readonly Parser<TextSpan> Comma = Symbol(",");

    private static readonly Parser<ImmutableArray<StringLiteralSyntax>> StringList =
        StringLiteral.XDelimitedBy(Comma).Select(items => items.ToImmutableArray());

    internal static readonly Parser<ImmutableArray<IdentifierSyntax>> NameList =
        Identifier.XDelimitedBy(Comma).Select(items => items.ToImmutableArray());

    private static readonly Parser<LevelConditionSyntax> LevelCondition =
        from keyword in Keyword("classification")
        from op in ComparisonOp
        from level in Identifier
        from colon in Symbol(":")
        select new LevelConditionSyntax(op, level, TextSpan.FromBounds(keyword.Start, colon.End));

    private static readonly Parser<AssertionSyntax> EncryptedAssertion =
        from encrypted in Keyword("encrypted")
        from with in (
            from w in Keyword("with")
            from target in
                (from cmk in Keyword("customer_managed") from key in Keyword("key")
                 select (AssertionKind.EncryptedWithCustomerManagedKey, (IdentifierSyntax?)null, key.End))
                .Or(from key in Keyword("key") from name in Identifier
                    select (AssertionKind.EncryptedWithKey, (IdentifierSyntax?)name, name.Span.End))
            select target).XOptional()
        select with.IsDefined
            ? new AssertionSyntax(with.Get().Item1, with.Get().Item2, null, [], TextSpan.FromBounds(encrypted.Start, with.Get().End))
            : new AssertionSyntax(AssertionKind.Encrypted, null, null, [], encrypted);

    private static readonly Parser<AssertionSyntax> KeyRotationAssertion =
        from key in Keyword("key")
        from rotation in Keyword("rotation")
        from period in
            Keyword("enabled").Select(span => ((NumberLiteralSyntax?)null, span.End))
                .Or(from within in Keyword("within") from days in Number from unit in Keyword("days")
                    select ((NumberLiteralSyntax?)days, unit.End))
        select new AssertionSyntax(AssertionKind.KeyRotation, null, period.Item1, [], TextSpan.FromBounds(key.Start, period.End));

    private static readonly Parser<AssertionSyntax> KeySpecAssertion =
        from key in Keyword("key")
        from spec in Keyword("spec")
        from atLeast in (from at in Keyword("at") from least in Keyword("least") select least).XOptional()
        from names in atLeast.IsDefined ? Identifier.Once() : Identifier.XDelimitedBy(Comma)
        let list = names.ToImmutableArray()
        select new AssertionSyntax(AssertionKind.KeySpec, null, null, [], TextSpan.FromBounds(key.Start, list[^1].Span.End))
        {
            Names = list,
            AtLeast = atLeast.IsDefined,
        };

    private static readonly Parser<AssertionSyntax> KeyOriginAssertion =
        from key in Keyword("key")
        from origin in Keyword("origin")
        from names in Identifier.XDelimitedBy(Comma)
        let list = names.ToImmutableArray()
        select new AssertionSyntax(AssertionKind.KeyOrigin, null, null, [], TextSpan.FromBounds(key.Start, list[^1].Span.End)) { Names = list };

    private static readonly Parser<AssertionSyntax> KeyReplicatedAssertion =
        from key in Keyword("key")
        from replicated in Keyword("replicated")
        from to in Keyword("to")
        from regions in StringList
        select new AssertionSyntax(AssertionKind.KeyReplicated, null, null, regions, TextSpan.FromBounds(key.Start, regions[^1].Span.End));

    private static Parser<AssertionSyntax> ListAssertion(string keyword, AssertionKind kind) =>
        from word in Keyword(keyword)
        from values in StringList
        select new AssertionSyntax(kind, null, null, values, TextSpan.FromBounds(word.Start, values[^1].Span.End));

    private static readonly Parser<AssertionSyntax> Assertion =
        EncryptedAssertion
            .Or(KeyRotationAssertion)
            .Or(KeySpecAssertion)
            .Or(KeyOriginAssertion)
            .Or(KeyReplicatedAssertion)
            .Or(DataAssertionGrammar.Copies)
            .Or(DataAssertionGrammar.Retention)
            .Or(ListAssertion("regions", AssertionKind.Regions))
            .Or(ListAssertion("tags", AssertionKind.Tags));

    private static readonly Parser<MemberSyntax> Clause =
        from condition in LevelCondition.XOptional()
        from assertion in Assertion
        select (MemberSyntax)new ClauseMemberSyntax(
            condition.GetOrDefault(),
            assertion,
            TextSpan.FromBounds(condition.IsDefined ? condition.Get().Span.Start : assertion.Span.Start, assertion.Span.End));

    private static readonly Parser<ComplianceReferenceSyntax> ComplianceReference =
        from framework in Identifier
        from control in StringLiteral
        select new ComplianceReferenceSyntax(framework, control, TextSpan.FromBounds(framework.Span.Start, control.Span.End));

    private static readonly FrozenDictionary<MemberKind, Parser<MemberSyntax>> s_memberParsers = BuildMemberParsers();

    internal static Parser<MemberSyntax> Member(MemberKind kind) => s_memberParsers[kind];

    private static FrozenDictionary<MemberKind, Parser<MemberSyntax>> BuildMemberParsers()
    {
        var parsers = new Dictionary<MemberKind, Parser<MemberSyntax>>();
        foreach (var kind in Enum.GetValues<MemberKind>())
        {
            parsers[kind] = kind switch
            {
                MemberKind.Description or MemberKind.Owner or MemberKind.Account or MemberKind.Tag or MemberKind.Alias or MemberKind.Remediation
                    or MemberKind.Justification or MemberKind.Reason => StringMember(kind),
                MemberKind.Administrators or MemberKind.Users or MemberKind.UsableByAccounts or MemberKind.EncryptionContext
                    or MemberKind.Resources or MemberKind.Principals or MemberKind.Replicas
                    or MemberKind.Organizations or MemberKind.TrustedAccounts or MemberKind.ResourceAccounts or MemberKind.VpcEndpoints
                    or MemberKind.Vpcs or MemberKind.Cidrs or MemberKind.ExceptPrincipals => StringListMember(kind),
                MemberKind.Protects or MemberKind.UsableVia or MemberKind.Keys or MemberKind.Services => NameListMember(kind, Comma, single: false),
                MemberKind.Levels => NameListMember(kind, Symbol("<"), single: false),
                MemberKind.Default or MemberKind.Requirement or MemberKind.Severity or MemberKind.Enforce or MemberKind.Control
                    or MemberKind.Spec or MemberKind.Origin => NameListMember(kind, Comma, single: true),
                MemberKind.Rotation or MemberKind.DeletionWindow => DaysMember(kind),
                MemberKind.MultiRegion or MemberKind.S3BucketAbac => BooleanMember(kind),
                MemberKind.Until or MemberKind.Expires => DateMember(kind),
                MemberKind.When or MemberKind.Unless => ExpressionMember(kind),
                MemberKind.Actions =>
                    from keyword in Keyword("actions")
                    from actions in ActionToken.XDelimitedBy(Comma)
                    let list = actions.ToImmutableArray()
                    select (MemberSyntax)new ActionsMemberSyntax(list, TextSpan.FromBounds(keyword.Start, list[^1].Span.End)),
                MemberKind.Compliance =>
                    from keyword in Keyword("compliance")
                    from references in ComplianceReference.XDelimitedBy(Comma)
                    let list = references.ToImmutableArray()
                    select (MemberSyntax)new ComplianceMemberSyntax(list, TextSpan.FromBounds(keyword.Start, list[^1].Span.End)),
                MemberKind.Clause => Clause,
                _ => throw new InvalidOperationException($"no parser for member kind {kind}"),
            };
        }

        return parsers.ToFrozenDictionary();
    }

    private static Parser<MemberSyntax> StringMember(MemberKind kind) =>
        from keyword in Keywords(SyntaxFacts.GetKeywordText(kind))
        from value in StringLiteral
        select (MemberSyntax)new StringMemberSyntax(kind, value, TextSpan.FromBounds(keyword.Start, value.Span.End));

    private static Parser<MemberSyntax> StringListMember(MemberKind kind) =>
        from keyword in Keywords(SyntaxFacts.GetKeywordText(kind))
        from values in StringList
        select (MemberSyntax)new StringListMemberSyntax(kind, values, TextSpan.FromBounds(keyword.Start, values[^1].Span.End));

    private static Parser<MemberSyntax> NameListMember(MemberKind kind, Parser<TextSpan> separator, bool single) =>
        from keyword in Keywords(SyntaxFacts.GetKeywordText(kind))
        from names in single ? Identifier.Once() : Identifier.XDelimitedBy(separator)
        let list = names.ToImmutableArray()
        select (MemberSyntax)new NameListMemberSyntax(kind, list, TextSpan.FromBounds(keyword.Start, list[^1].Span.End));

    private static Parser<MemberSyntax> DaysMember(MemberKind kind) =>
        from keyword in Keywords(SyntaxFacts.GetKeywordText(kind))
        from days in Number
        from unit in Keyword("days")
        select (MemberSyntax)new DaysMemberSyntax(kind, days, TextSpan.FromBounds(keyword.Start, unit.End));

    private static Parser<MemberSyntax> BooleanMember(MemberKind kind) =>
        from keyword in Keywords(SyntaxFacts.GetKeywordText(kind))
        from value in Keyword("true").Select(span => (true, span)).Or(Keyword("false").Select(span => (false, span)))
        select (MemberSyntax)new BooleanMemberSyntax(kind, value.Item1, TextSpan.FromBounds(keyword.Start, value.span.End));

    private static Parser<MemberSyntax> DateMember(MemberKind kind) =>
        from keyword in Keywords(SyntaxFacts.GetKeywordText(kind))
        from value in Date
        select (MemberSyntax)new DateMemberSyntax(kind, value, TextSpan.FromBounds(keyword.Start, value.Span.End));

    private static Parser<MemberSyntax> ExpressionMember(MemberKind kind) =>
        from keyword in Keywords(SyntaxFacts.GetKeywordText(kind))
        from expression in Condition
        select (MemberSyntax)new ExpressionMemberSyntax(kind, expression, TextSpan.FromBounds(keyword.Start, expression.Span.End));
}
