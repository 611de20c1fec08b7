using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Tests.Syntax;

public class ParserRecoveryTests
{
    [Test]
    public void Parser_SeveralBrokenDeclarations_ReportsEachAndKeepsTheGoodOnes()
    {
        var tree = SyntaxTree.Parse("""
            key a {
              alias "alias/a"
              rotation every x days
            }

            key good {
              alias "alias/good"
            }

            requre r for s3 {
              encrypted
            }

            allow b {
              when principal.tag.team = "x"
            }

            waive good_waiver {
              reason "ok"
            }
            """, "multi.sec08");

        Assert.That(tree.Diagnostics.Select(d => (d.Id, d.Location.Start.Line + 1)), Is.EqualTo(new[]
        {
            ("SP1001", 3),
            ("SP1007", 10),
            ("SP1001", 15),
        }));
        var names = tree.Root.Declarations.OfType<BlockDeclarationSyntax>().Select(b => b.NameText);
        Assert.That(names, Is.EqualTo(new[] { "good", "good_waiver" }));
    }

    [Test]
    public void Parser_UnclosedBlockBeforeNextDeclaration_ReportsSP1006AtTheOpenBrace()
    {
        var tree = SyntaxTree.Parse("key a {\n  alias \"alias/a\"\n\nkey b {\n  alias \"alias/b\"\n}\n", "unclosed.sec08");
        var diagnostic = tree.Diagnostics.Single();

        Assert.That(diagnostic.Id, Is.EqualTo("SP1006"));
        Assert.That(diagnostic.Location.Span.Start, Is.EqualTo(6));
        Assert.That(tree.Root.Declarations.OfType<BlockDeclarationSyntax>().Single().NameText, Is.EqualTo("b"));
    }

    [Test]
    public void Parser_UnknownDeclaration_SuggestsTheClosestKeyword()
    {
        var diagnostic = SyntaxTree.Parse("classificaton C {\n}\n", "typo.sec08").Diagnostics.Single();

        Assert.That(diagnostic.Id, Is.EqualTo("SP1007"));
        Assert.That(diagnostic.Help, Is.EqualTo("did you mean `classification`?"));
    }

    [Test]
    public void Parser_EmptyFile_WarnsSP1005()
    {
        var diagnostic = SyntaxTree.Parse("  // nothing here\n", "empty.sec08").Diagnostics.Single();

        Assert.That(diagnostic.Id, Is.EqualTo("SP1005"));
        Assert.That(diagnostic.IsError, Is.False);
    }

    [Test]
    public void Load_InvalidUtf8_ReportsSP1004AtTheFirstBadByte()
    {
        byte[] bytes = [.. "policy \"ok\" {\n  owner \""u8, 0xC3, 0x28, .. "\"\n}\n"u8];
        var diagnostic = SyntaxTree.FromBytes(bytes, "bad.sec08").Diagnostics.Single();

        Assert.That(diagnostic.Id, Is.EqualTo("SP1004"));
        Assert.That((diagnostic.Location.Start.Line, diagnostic.Location.Start.Character), Is.EqualTo((1, 9)));
    }

    [Test]
    public void Load_MissingFile_ReportsSP1010()
    {
        var diagnostic = SyntaxTree.Load(Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid() + ".sec08")).Diagnostics.Single();

        Assert.That(diagnostic.Id, Is.EqualTo("SP1010"));
    }

    [Test]
    public void Load_Utf8ByteOrderMark_IsNotPartOfTheText()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "policy \"p\" {\n}\n"u8];
        var tree = SyntaxTree.FromBytes(bytes, "bom.sec08");

        Assert.That(tree.Diagnostics, Is.Empty);
        Assert.That(tree.Text.Text, Does.StartWith("policy"));
    }
}
