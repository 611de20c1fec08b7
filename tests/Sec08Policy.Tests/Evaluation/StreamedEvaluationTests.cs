using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Resources;
using Sec08Policy.Engine.Serialization;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Evaluation;

/// <summary>
/// A streamed evaluation reads and evaluates its resources on another thread, ahead of the report: what goes wrong
/// there must reach the report's thread as it was thrown, and a listing left early must stop the reading.
/// </summary>
public class StreamedEvaluationTests
{
    [Test]
    public void AReadThatFails_ThrowsItsOwnError_ToTheListing()
    {
        var source = new RepeatedPasses(Volume(), count: 50_000, failAt: 20_000);
        var evaluation = new StreamedEvaluation(Baseline(), new EvaluationOptions(CliRunner.Today), source);

        var listed = 0;
        var error = Assert.Throws<InputException>(() =>
        {
            foreach (var _ in evaluation.FindingsInOrder)
            {
                listed++;
            }
        });

        Assert.That(error!.Message, Does.Contain("changed while it was read"));
        Assert.That(listed, Is.GreaterThan(0), "the findings before the failure were listed");
        Assert.That(source.Finished, Is.True, "the reading was closed");
        Assert.That(() => evaluation.Count(Verdict.Fail), Throws.TypeOf<InputException>(), "no counts stand for a listing that failed");
    }

    [Test]
    public void AListingLeftEarly_StopsTheReading()
    {
        var source = new RepeatedPasses(Volume(), count: 1_000_000, failAt: null);
        var evaluation = new StreamedEvaluation(Baseline(), new EvaluationOptions(CliRunner.Today), source);

        var first = evaluation.FindingsInOrder.First();

        Assert.That(first.Resource.Id, Is.EqualTo("Volume"));
        Assert.That(source.Finished, Is.True, "the reading was closed when the listing was");
        Assert.That(source.Read, Is.LessThan(1_000_000), "the resources after the batches ahead were not read");
    }

    [Test]
    public void AListingRunToItsEnd_KeepsTheCounts()
    {
        var source = new RepeatedPasses(Volume(), count: 30_000, failAt: null);
        var evaluation = new StreamedEvaluation(Baseline(), new EvaluationOptions(CliRunner.Today), source);

        var listed = evaluation.FindingsInOrder.Count();
        var counted = Enum.GetValues<Verdict>().Sum(evaluation.Count);

        Assert.That(listed, Is.GreaterThan(30_000));
        Assert.That(counted, Is.EqualTo(listed));
        Assert.That(source.Listings, Is.EqualTo(1), "the counts were kept from the listing, not listed again");
    }

    private static Sec08Policy.Engine.Model.PolicySet Baseline() =>
        PolicySetJson.Read(Path.Combine(RepoPaths.Cases, "build", "baseline.expected", "rules.json"));

    /// <summary>An unencrypted EBS volume of a template, as the evaluator sees it.</summary>
    private static Resource Volume()
    {
        using var temp = new TempFolder();
        var template = temp.Combine("volume.yaml");
        File.WriteAllText(template, """
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                Properties:
                  Size: 10
                  AvailabilityZone: eu-west-1a
                  Tags:
                    - Key: DataClassification
                      Value: confidential
            """);
        return InputLoader.Load(template).Resources.Single();
    }

    /// <summary>The same resource many times; optionally failing, as a snapshot that changed between its reads does.</summary>
    private sealed class RepeatedPasses(Resource resource, int count, int? failAt) : IResourcePasses
    {
        private int _read;
        private int _finished;

        public int Read => Volatile.Read(ref _read);

        public bool Finished => Volatile.Read(ref _finished) == 1;

        public int Listings { get; private set; }

        public int ResourceCount => count;

        public IReadOnlyList<string> Files => [resource.Position.File];

        public IReadOnlyList<Resource> Kept => [];

        public IEnumerable<Resource> Resources()
        {
            Listings++;
            return Each();
        }

        private IEnumerable<Resource> Each()
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    if (i == failAt)
                    {
                        throw new InputException(resource.Position.File, 1, 1, "the file changed while it was read");
                    }

                    Interlocked.Increment(ref _read);
                    yield return resource;
                }
            }
            finally
            {
                Volatile.Write(ref _finished, 1);
            }
        }
    }
}
