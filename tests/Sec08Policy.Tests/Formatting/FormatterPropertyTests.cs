using CsCheck;
using Sec08Policy.Compiler.Formatting;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Formatting;

/// <summary>
/// Over generated policies with random layout and comments: formatting keeps the tree (ignoring spans) and every
/// comment, and formatting twice changes nothing.
/// </summary>
public class FormatterPropertyTests
{
    [Test]
    public void Format_GeneratedPolicies_RoundTripAndAreIdempotent()
    {
        Gen.Int[0, int.MaxValue].Select(seed => PolicyTextGenerator.Generate(new Random(seed))).Sample(text =>
        {
            var tree = SyntaxTree.Parse(text, "generated.sec08");
            if (tree.Diagnostics.Any(d => d.IsError))
            {
                return false;
            }

            var formatted = PolicyFormatter.Format(tree);
            var reparsed = SyntaxTree.Parse(formatted, "generated.sec08");
            return !reparsed.Diagnostics.Any(d => d.IsError)
                && TreePrinter.Print(reparsed.Root) == TreePrinter.Print(tree.Root)
                && PolicyFormatter.Format(reparsed) == formatted
                && CommentScanner.Scan(formatted).Length == CommentScanner.Scan(text).Length;
        }, iter: 300);
    }
}
