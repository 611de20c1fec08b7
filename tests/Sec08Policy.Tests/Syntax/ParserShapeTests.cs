using Sec08Policy.Compiler.Formatting;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Tests.Syntax;

public class ParserShapeTests
{
    private static ExpressionSyntax ParseCondition(string condition)
    {
        var tree = SyntaxTree.Parse($"allow r {{\n  when {condition}\n}}\n", "shape.sec08");
        Assert.That(tree.Diagnostics, Is.Empty, string.Join("\n", tree.Diagnostics.Select(d => d.Message)));
        return ((ExpressionMemberSyntax)((BlockDeclarationSyntax)tree.Root.Declarations[0]).Members[0]).Expression;
    }

    /// <summary>Prints the tree with explicit grouping so precedence is visible.</summary>
    private static string Grouped(ExpressionSyntax e) => e switch
    {
        LogicalExpressionSyntax l => $"({Grouped(l.Left)} {SyntaxFacts.GetText(l.Operator)} {Grouped(l.Right)})",
        NotExpressionSyntax n => $"(not {Grouped(n.Operand)})",
        ParenthesizedExpressionSyntax p => Grouped(p.Inner),
        _ => ExpressionPrinter.Print(e),
    };

    [TestCase("a == b and c == d or e == f", "((a == b and c == d) or e == f)")]
    [TestCase("a == b or c == d and e == f", "(a == b or (c == d and e == f))")]
    [TestCase("a == b and c == d and e == f", "((a == b and c == d) and e == f)")]
    [TestCase("not a == b and c == d", "((not a == b) and c == d)")]
    [TestCase("not not a == b", "(not (not a == b))")]
    [TestCase("not (a == b or c == d)", "(not (a == b or c == d))")]
    [TestCase("(a == b or c == d) and e == f", "((a == b or c == d) and e == f)")]
    [TestCase("a not in [b, \"c\"] or a in [d]", "(a not in [b, \"c\"] or a in [d])")]
    public void Parser_Condition_HasExpectedPrecedence(string condition, string expected)
    {
        Assert.That(Grouped(ParseCondition(condition)), Is.EqualTo(expected));
    }

    [TestCase("==", ComparisonOperator.Equal)]
    [TestCase("!=", ComparisonOperator.NotEqual)]
    [TestCase("<", ComparisonOperator.Less)]
    [TestCase("<=", ComparisonOperator.LessOrEqual)]
    [TestCase(">", ComparisonOperator.Greater)]
    [TestCase(">=", ComparisonOperator.GreaterOrEqual)]
    public void Parser_ComparisonOperator_IsRecognised(string text, ComparisonOperator expected)
    {
        var comparison = (ComparisonExpressionSyntax)ParseCondition($"principal.tag.clearance {text} resource.classification");

        Assert.That(comparison.Operator, Is.EqualTo(expected));
        Assert.That(comparison.Left, Is.TypeOf<TagReferenceSyntax>());
        Assert.That(comparison.Right, Is.TypeOf<ClassificationReferenceSyntax>());
    }

    [Test]
    public void Parser_KeywordPrefix_IsNotAKeyword()
    {
        // `keys` must not be read as the keyword `key` followed by `s`.
        var tree = SyntaxTree.Parse("allow r {\n  keys a, b\n}\n", "k.sec08");
        var member = (NameListMemberSyntax)((BlockDeclarationSyntax)tree.Root.Declarations[0]).Members[0];

        Assert.That(tree.Diagnostics, Is.Empty);
        Assert.That(member.Kind, Is.EqualTo(MemberKind.Keys));
        Assert.That(member.Names.Select(n => n.Text), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Parser_RequirementClauses_ParseEveryAssertion()
    {
        var tree = SyntaxTree.Parse("""
            require r for s3, ebs {
              encrypted
              classification >= confidential: encrypted with customer_managed key
              classification == restricted: encrypted with key k
              key rotation enabled
              classification > internal: key rotation within 365 days
              regions "eu-west-1", "eu-central-1"
              tags "team"
            }
            """, "r.sec08");
        var block = (BlockDeclarationSyntax)tree.Root.Declarations[0];
        var kinds = block.Members.Cast<ClauseMemberSyntax>().Select(c => c.Assertion.Kind);

        Assert.That(tree.Diagnostics, Is.Empty);
        Assert.That(block.Services.Select(s => s.Text), Is.EqualTo(new[] { "s3", "ebs" }));
        Assert.That(kinds, Is.EqualTo(new[]
        {
            AssertionKind.Encrypted, AssertionKind.EncryptedWithCustomerManagedKey, AssertionKind.EncryptedWithKey,
            AssertionKind.KeyRotation, AssertionKind.KeyRotation, AssertionKind.Regions, AssertionKind.Tags,
        }));
    }

    [Test]
    public void Parser_LongAndChain_DoesNotExhaustTheStack()
    {
        var condition = string.Join(" and ", Enumerable.Range(0, 500).Select(i => $"principal.tag.t{i} == \"v\""));
        var expression = ParseCondition(condition);

        Assert.That(expression, Is.TypeOf<LogicalExpressionSyntax>());
    }

    [Test]
    public void Parser_DeepParentheses_ReportSP1009InsteadOfOverflowing()
    {
        var condition = new string('(', 10_000) + "a == b" + new string(')', 10_000);
        var tree = SyntaxTree.Parse($"allow r {{\n  when {condition}\n}}\n", "deep.sec08");

        Assert.That(tree.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "SP1009" }));
    }
}
