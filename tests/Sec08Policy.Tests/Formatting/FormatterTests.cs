using Sec08Policy.Compiler.Formatting;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Formatting;

public class FormatterTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Cases, "format"), "*.sec08")
            .Where(p => !p.EndsWith(".formatted.sec08", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => new TestCaseData(p).SetName("Format_" + Path.GetFileNameWithoutExtension(p)));

    [TestCaseSource(nameof(Cases))]
    public void Format_Case_MatchesGoldenAndIsStable(string path)
    {
        var tree = SyntaxTree.Load(path);
        Assert.That(tree.Diagnostics, Is.Empty);

        var formatted = PolicyFormatter.Format(tree);
        var reparsed = SyntaxTree.Parse(formatted, path);

        Golden.AssertMatches(Path.ChangeExtension(path, ".formatted.sec08"), formatted);
        Assert.That(reparsed.Diagnostics, Is.Empty);
        Assert.That(TreePrinter.Print(reparsed.Root), Is.EqualTo(TreePrinter.Print(tree.Root)));
        Assert.That(PolicyFormatter.Format(reparsed), Is.EqualTo(formatted), "formatting is idempotent");
        Assert.That(CommentTexts(formatted), Is.EqualTo(CommentTexts(tree.Text.Text)), "every comment is kept, in order");
    }

    [Test]
    public void Format_BaselinePolicies_AreAlreadyCanonical()
    {
        foreach (var path in Directory.EnumerateFiles(RepoPaths.Policies, "*.sec08", SearchOption.AllDirectories))
        {
            var tree = SyntaxTree.Load(path);
            Assert.That(PolicyFormatter.Format(tree), Is.EqualTo(tree.Text.Text), path);
        }
    }

    [Test]
    public void Format_TreeWithSyntaxErrors_IsRefused()
    {
        var tree = SyntaxTree.Parse("key {", "broken.sec08");

        Assert.That(() => PolicyFormatter.Format(tree), Throws.InvalidOperationException);
    }

    [Test]
    public void Format_LongCondition_BreaksBeforeEachTopLevelOperator()
    {
        var condition = string.Join(" and ", Enumerable.Range(0, 5).Select(i => $"principal.tag.attribute{i} == resource.tag.attribute{i}"));
        var formatted = PolicyFormatter.Format(SyntaxTree.Parse($"allow r {{ when {condition} }}", "long.sec08"));

        Assert.That(formatted.Split('\n'), Has.Exactly(4).StartsWith("      and principal.tag.attribute"));
        Assert.That(formatted.Split('\n'), Has.All.Length.LessThanOrEqualTo(100));
    }

    private static List<string> CommentTexts(string text) =>
        [.. CommentScanner.Scan(text).Select(span => text.Substring(span.Start, span.Length).Trim())];
}
