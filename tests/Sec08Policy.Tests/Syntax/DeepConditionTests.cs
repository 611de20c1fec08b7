using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Syntax;

/// <summary>
/// What the parser accepts, every later stage handles: the deepest conditions within the limits of SP1009 go through
/// every command on a thread with a smaller stack than any the tool runs on, and one operator more is SP1009.
/// </summary>
public class DeepConditionTests
{
    /// <summary>A third of the 1.5 MB the runtime gives threads other than the main one.</summary>
    private const int SmallStack = 512 * 1024;

    public static IEnumerable<TestCaseData> DeepestConditions()
    {
        var limit = SyntaxFacts.MaxConditionOperators;
        var depth = SyntaxFacts.MaxNestingDepth;

        // Every operator a `not`, inside the deepest parentheses.
        var nots = string.Concat(Enumerable.Repeat("not ", limit));
        yield return new TestCaseData(new string('(', depth) + nots + "principal.tag.team == \"x\"" + new string(')', depth)).SetName("Nots");

        // Every parenthesis the first operand of an `and` chain, so the left spines stack up.
        var perLevel = limit / depth;
        var condition = "principal.tag.t == \"x\"";
        for (var level = 0; level < depth; level++)
        {
            condition = "(" + condition + ")" + string.Concat(Enumerable.Range(0, perLevel).Select(i => $" and principal.tag.l{level}x{i} == \"v\""));
        }

        yield return new TestCaseData(condition).SetName("Chains");
    }

    [TestCaseSource(nameof(DeepestConditions))]
    public void DeepestAcceptedCondition_GoesThroughEveryCommand(string condition)
    {
        using var temp = new TempFolder();
        var policy = Write(temp, condition);

        OnSmallStack(() =>
        {
            Assert.That(Run("check", policy).ExitCode, Is.EqualTo(0));
            var build = Run("build", policy, "-o", temp.Combine("out"));
            Assert.That(build.ExitCode, Is.AnyOf(0, 2), build.Out + build.Error);
            Assert.That(build.Out, Does.Not.Contain("SP9001"));
            Assert.That(Run("eval", "--policy", policy, "--input", Path.Combine(RepoPaths.Root, "examples")).ExitCode, Is.AnyOf(0, 1));
            Assert.That(Run("fmt", policy).ExitCode, Is.EqualTo(0));
            Assert.That(Run("fmt", "--check", policy).ExitCode, Is.EqualTo(0), "formatting twice changes nothing");
        });
    }

    [Test]
    public void OneOperatorMore_IsSP1009()
    {
        var nots = string.Concat(Enumerable.Repeat("not ", SyntaxFacts.MaxConditionOperators + 1));
        var tree = SyntaxTree.Parse($"deny r {{\n  actions s3:GetObject\n  when {nots}principal.tag.team == \"x\"\n}}\n", "deep.sec08");

        var diagnostic = tree.Diagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo("SP1009"));
        Assert.That(diagnostic.Message, Is.EqualTo("a condition has more than 1,024 `and`, `or` and `not` operators"));
        Assert.That((diagnostic.Location.Start.Line, diagnostic.Location.Start.Character), Is.EqualTo((2, 7)));
    }

    private static string Write(TempFolder temp, string condition)
    {
        File.Copy(Path.Combine(RepoPaths.Policies, "classification.sec08"), temp.Combine("classification.sec08"));
        File.WriteAllText(temp.Combine("deep.sec08"), $"deny deep {{\n  actions s3:GetObject\n  when {condition}\n}}\n");
        return temp.Path;
    }

    private static CliRunner.Run Run(params string[] args) => CliRunner.Invoke(args);

    private static void OnSmallStack(Action test)
    {
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    test();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            SmallStack);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }
}
