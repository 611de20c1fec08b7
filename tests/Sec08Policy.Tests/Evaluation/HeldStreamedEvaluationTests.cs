using System.Collections.Immutable;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Reporting;
using Sec08Policy.Engine.Resources;
using Sec08Policy.Engine.Serialization;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Evaluation;

/// <summary>
/// Resources read in memory and written to one report that lists its findings once are evaluated as the report is
/// written, holding no findings: the report must be byte for byte that of the evaluation held, whatever order the
/// resources come in, and each resource must be evaluated once.
/// </summary>
public class HeldStreamedEvaluationTests
{
    private static readonly ReportFormat[] s_listedOnce = [.. Enum.GetValues<ReportFormat>().Where(Reporter.ListsOnce)];

    public static IEnumerable<TestCaseData> ListedOnce() => s_listedOnce.Select(f => new TestCaseData(f).SetName("HeldStreamed_" + f));

    [TestCaseSource(nameof(ListedOnce))]
    public void ReportOfResourcesHeld_IsTheReportOfTheEvaluationHeld(ReportFormat format)
    {
        var policy = Baseline();
        var options = new EvaluationOptions(CliRunner.Today);
        var resources = Shuffled(Resources());
        var errors = new InputError[] { new("inputs/broken.yaml", 3, 7, "malformed YAML: a tab where indentation belongs") }.ToImmutableArray();

        var streamed = new StreamedEvaluation(policy, options, new HeldResources(resources), errors);
        var held = new Evaluator(policy, options).Evaluate(resources) with { InputErrors = errors };

        StreamedReportAssert.SameAsHeld(streamed, held, format);
        Assert.That(streamed.Files, Is.EqualTo(((IReportSource)held).Files));
        Assert.That(streamed.NotApplicable, Is.EqualTo(held.NotApplicable));
    }

    [Test]
    public void FormatsListedOnce_EvaluateEachResourceOnce_OthersTwice()
    {
        Assert.That(s_listedOnce, Is.Not.Empty);
        var policy = Baseline();
        var resources = Resources();
        // ASFF lists once too, but the command may list its findings first to check they have an owner: it is not counted as listing once.
        foreach (var format in Enum.GetValues<ReportFormat>().Where(f => Reporter.Streams(f) && f != ReportFormat.Asff))
        {
            var counted = new CountedPasses(new HeldResources(resources));
            var source = new StreamedEvaluation(policy, new EvaluationOptions(CliRunner.Today), counted);
            StreamedReportAssert.Report(source, format);

            // The exit code asks for the counts after the report: they were kept, not listed again.
            _ = source.FailsAtOrAbove(Sec08Policy.Engine.Model.Severity.Low);
            Assert.That(counted.Listings, Is.EqualTo(Reporter.ListsOnce(format) ? 1 : 2), format.ToString());
        }
    }

    [Test]
    public void HeldResources_AreListedInReportOrder_WithTheKeysKeptApart()
    {
        var resources = Resources();
        var held = new HeldResources(Shuffled(resources));

        var listed = held.Resources().ToList();
        Assert.That(listed, Is.EquivalentTo(resources));
        var ordered = listed.OrderBy(r => r.Position.File, StringComparer.Ordinal).ThenBy(r => r.Position.Line).ThenBy(r => r.Position.Column).ToList();
        Assert.That(listed, Is.EqualTo(ordered));
        Assert.That(held.Kept.Select(r => r.Id), Is.EquivalentTo(resources.Where(r => r.Kind is ResourceKind.KmsKey or ResourceKind.KmsAlias).Select(r => r.Id)));
        Assert.That(held.Kept, Is.Not.Empty);
    }

    private static Sec08Policy.Engine.Model.PolicySet Baseline() =>
        PolicySetJson.Read(Path.Combine(RepoPaths.Cases, "build", "baseline.expected", "rules.json"));

    /// <summary>The examples and every catalogue case's template, linked as an input set.</summary>
    private static List<Resource> Resources()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "examples"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Cases, "catalogue"), "cloudformation.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        return [.. InputSetResolver.Resolve([.. files.SelectMany(f => InputLoader.Load(f).Resources)])];
    }

    private static List<Resource> Shuffled(List<Resource> resources)
    {
        var shuffled = resources.ToArray();
        new Random(8).Shuffle(shuffled);
        return [.. shuffled];
    }

    /// <summary>Counts how often the resources are listed.</summary>
    private sealed class CountedPasses(IResourcePasses inner) : IResourcePasses
    {
        public int Listings { get; private set; }

        public int ResourceCount => inner.ResourceCount;

        public IReadOnlyList<string> Files => inner.Files;

        public IReadOnlyList<Resource> Kept => inner.Kept;

        public IEnumerable<Resource> Resources()
        {
            Listings++;
            return inner.Resources();
        }
    }
}
