using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Syntax;

public class ParserSpanTests
{
    private static SyntaxTree ParseClean(string text)
    {
        var tree = SyntaxTree.Parse(text, "spans.sec08");
        Assert.That(tree.Diagnostics, Is.Empty, string.Join("\n", tree.Diagnostics.Select(d => d.Message)));
        return tree;
    }

    private static string TextOf(SyntaxTree tree, SyntaxNode node) => tree.Text.ToString(node.Span);

    [Test]
    public void Parser_BlockDeclaration_SpansExcludeTrivia()
    {
        var tree = ParseClean("  // leading\n  key data /* x */ {\n    alias \"alias/a\"   // trailing\n  }   \n");
        var key = (BlockDeclarationSyntax)tree.Root.Declarations.Single();

        Assert.That(TextOf(tree, key), Is.EqualTo("key data /* x */ {\n    alias \"alias/a\"   // trailing\n  }"));
        Assert.That(TextOf(tree, key.Name), Is.EqualTo("data"));
        Assert.That(TextOf(tree, key.Members[0]), Is.EqualTo("alias \"alias/a\""));
        Assert.That(tree.Text.ToString(key.OpenBrace), Is.EqualTo("{"));
        Assert.That(tree.Text.ToString(key.CloseBrace), Is.EqualTo("}"));
    }

    [Test]
    public void Parser_MultiWordMember_SpanCoversKeywordsAndValue()
    {
        var tree = ParseClean("key k {\n  deletion   window 30 days\n}\n");
        var member = (DaysMemberSyntax)((BlockDeclarationSyntax)tree.Root.Declarations[0]).Members[0];

        Assert.That(member.Kind, Is.EqualTo(MemberKind.DeletionWindow));
        Assert.That(TextOf(tree, member), Is.EqualTo("deletion   window 30 days"));
        Assert.That(TextOf(tree, member.Days), Is.EqualTo("30"));
        Assert.That(member.Days.Value, Is.EqualTo(30));
    }

    [Test]
    public void Parser_Expression_EveryNodeHasItsOwnSpan()
    {
        var source = AnnotatedText.Parse(
            "allow r {\n  when [|[|principal.tag.team|] == [|resource.tag.\"cost center\"|]|] and [|not [|resource.classification|] in [public]|]\n}\n");
        var tree = ParseClean(source.Text);
        var when = (ExpressionMemberSyntax)((BlockDeclarationSyntax)tree.Root.Declarations[0]).Members[0];
        var and = (LogicalExpressionSyntax)when.Expression;
        var comparison = (ComparisonExpressionSyntax)and.Left;
        var not = (NotExpressionSyntax)and.Right;
        var @in = (InExpressionSyntax)not.Operand;

        var actual = new[] { comparison.Span, comparison.Left.Span, comparison.Right.Span, not.Span, @in.Operand.Span }.OrderBy(s => s.Start).ThenByDescending(s => s.Length);
        Assert.That(actual, Is.EqualTo(source.Spans));
        Assert.That(((TagReferenceSyntax)comparison.Right).TagKey, Is.EqualTo("cost center"));
        Assert.That(((TagReferenceSyntax)comparison.Right).Quoted, Is.True);
    }

    [Test]
    public void Parser_StringLiteral_ResolvesEscapesAndKeepsQuotesInSpan()
    {
        var tree = ParseClean("policy \"a \\\"b\\\" \\\\ c\" { }\n");
        var policy = (BlockDeclarationSyntax)tree.Root.Declarations[0];
        var name = (StringLiteralSyntax)policy.Name;

        Assert.That(name.Value, Is.EqualTo("a \"b\" \\ c"));
        Assert.That(TextOf(tree, name), Is.EqualTo("\"a \\\"b\\\" \\\\ c\""));
    }

    [Test]
    public void Parser_CrLfLineEndings_LinePositionsCountLines()
    {
        var tree = SyntaxTree.Parse("policy \"p\" {\r\n  owner \"o\"\r\n  bogus \"x\"\r\n}\r\n", "crlf.sec08");
        var diagnostic = tree.Diagnostics.Single();

        Assert.That(diagnostic.Id, Is.EqualTo("SP1008"));
        Assert.That(diagnostic.Location.Start.Line, Is.EqualTo(2));
        Assert.That(diagnostic.Location.Start.Character, Is.EqualTo(2));
    }
}
