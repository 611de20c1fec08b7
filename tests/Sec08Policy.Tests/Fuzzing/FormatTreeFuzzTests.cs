using System.Text;
using CsCheck;
using Sec08Policy.Compiler.Formatting;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Fuzzing;

/// <summary>
/// In memory, thousands of edited policies: whenever one parses, the formatted text parses to the same tree, and
/// formatting it again changes nothing. Cheap enough for many more cases than the properties that run commands.
/// </summary>
public class FormatTreeFuzzTests
{
    [Test]
    public void Fuzz_EditedPolicies_FormatKeepsTheTree()
    {
        var sets = FuzzCorpus.PolicySets;
        var gen =
            from hostile in Gen.Bool
            from mutant in hostile ? PolicyMutant.Hostile(sets) : PolicyMutant.Relaid(sets)
            select mutant;
        FuzzRun.Check(nameof(Fuzz_EditedPolicies_FormatKeepsTheTree), gen, 3000, mutant =>
        {
            var text = Encoding.UTF8.GetString(mutant.Bytes);
            var tree = SyntaxTree.Parse(text, "edited.sec08");
            if (tree.Diagnostics.Any(d => d.IsError))
            {
                return;
            }

            var formatted = PolicyFormatter.Format(tree);
            var reparsed = SyntaxTree.Parse(formatted, "edited.sec08");
            Assert.That(reparsed.Diagnostics.Where(d => d.IsError).Select(d => d.Message), Is.Empty, "the formatted text does not parse:\n" + formatted);
            Assert.That(TreePrinter.Print(reparsed.Root), Is.EqualTo(TreePrinter.Print(tree.Root)), "fmt changed the tree:\n" + formatted);
            Assert.That(PolicyFormatter.Format(reparsed), Is.EqualTo(formatted), "fmt is not idempotent");
        }, m => m.ToString());
    }
}
