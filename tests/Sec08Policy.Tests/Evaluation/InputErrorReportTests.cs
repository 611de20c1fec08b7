using System.Text.Json.Nodes;
using System.Xml.Linq;
using Sec08Policy.Engine.Reporting;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Evaluation;

/// <summary>
/// One malformed file among many inputs: the rest is evaluated, every report format lists the file that could not be
/// read with its position, and the run ends with exit code 3 whatever the findings.
/// </summary>
public class InputErrorReportTests
{
    private const string Truncated = "tests/Sec08Policy.Tests/Cases/inputs/malformed/truncated.json";
    private const string BadType = "tests/Sec08Policy.Tests/Cases/inputs/malformed/cfn-type-ref.yaml";
    private const string TruncatedMessage = "malformed JSON: Expected start of a property name or value, but instead reached end of data";

    private static readonly string[] s_run = ["eval", "--policy", "policies", "--input", "examples", Truncated, BadType];

    /// <summary>Every format the command offers, so that a new one cannot leave input errors out.</summary>
    public static IEnumerable<string> Formats() =>
        Enum.GetValues<ReportFormat>().Select(f => f == ReportFormat.JsonV1 ? "json-v1" : f.ToString().ToLowerInvariant());

    [TestCaseSource(nameof(Formats))]
    public void EveryFormat_NamesTheUnreadFilesAndExitsThree(string format)
    {
        using var temp = new TempFolder();
        var report = temp.Combine("report");

        // ASFF findings belong to an account and a Region, which a template does not name.
        string[] asff = format == "asff" ? ["--asff-account", "111122223333", "--asff-region", "eu-west-1"] : [];
        var run = CliRunner.Invoke([.. s_run, .. asff, "--format", format, "-o", report, "--fail-on", "none"]);

        Assert.That(run.ExitCode, Is.EqualTo(3), "an input that could not be read fails the run, even with --fail-on none");
        Assert.That(run.Error, Is.EqualTo(
            $"{Truncated}(1549,54): error: {TruncatedMessage}\n"
            + $"{BadType}(7,11): error: the `Type` of resource `DataVolume` must be a resource type name such as `AWS::S3::Bucket`\n"));
        var text = File.ReadAllText(report);
        Assert.That(text, Does.Contain(Truncated).And.Contain(TruncatedMessage).And.Contain(BadType));
        Assert.That(text, Does.Contain("1549").And.Contain("54"), "the position is reported");
    }

    [Test]
    public void TheRest_IsEvaluatedAsIfTheUnreadFilesWereNotGiven()
    {
        var alone = CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples", "--format", "json");
        var mixed = CliRunner.Invoke([.. s_run, "--format", "json"]);

        var expected = JsonNode.Parse(alone.Out)!.AsObject();
        var actual = JsonNode.Parse(mixed.Out)!.AsObject();
        Assert.That(actual["inputErrors"]!.AsArray(), Has.Count.EqualTo(2));
        actual.Remove("inputErrors");
        expected.Remove("inputErrors");
        Assert.That(actual.ToJsonString(), Is.EqualTo(expected.ToJsonString()));
    }

    [Test]
    public void Json_ListsEachErrorWithItsPosition()
    {
        var json = JsonNode.Parse(CliRunner.Invoke([.. s_run, "--format", "json"]).Out)!;

        var first = json["inputErrors"]![0]!;
        Assert.That(
            (first["file"]!.GetValue<string>(), first["line"]!.GetValue<int>(), first["column"]!.GetValue<int>(), first["message"]!.GetValue<string>()),
            Is.EqualTo((Truncated, 1549, 54, TruncatedMessage)));
        Assert.That(JsonNode.Parse(CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples", "--format", "json").Out)!["inputErrors"]!.AsArray(), Is.Empty);
    }

    [Test]
    public void Sarif_ReportsAnUnsuccessfulInvocationWithAnErrorNotificationPerFile()
    {
        var sarif = JsonNode.Parse(CliRunner.Invoke([.. s_run, "--format", "sarif"]).Out)!;

        var invocation = sarif["runs"]![0]!["invocations"]![0]!;
        Assert.That(invocation["executionSuccessful"]!.GetValue<bool>(), Is.False);
        var notifications = invocation["toolExecutionNotifications"]!.AsArray();
        Assert.That(notifications, Has.Count.EqualTo(2));
        var location = notifications[0]!["locations"]![0]!["physicalLocation"]!;
        Assert.That(notifications[0]!["level"]!.GetValue<string>(), Is.EqualTo("error"));
        Assert.That(location["artifactLocation"]!["uri"]!.GetValue<string>(), Is.EqualTo(Truncated));
        Assert.That(location["region"]!["startLine"]!.GetValue<int>(), Is.EqualTo(1549));
        EvalCommandTests.AssertValidSarif(sarif);
        Assert.That(JsonNode.Parse(CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples", "--format", "sarif").Out)!["runs"]![0]!["invocations"], Is.Null);
    }

    [Test]
    public void Junit_HasAnInputsSuiteWithAnErrorPerFile()
    {
        var xml = XDocument.Parse(CliRunner.Invoke([.. s_run, "--format", "junit"]).Out);

        Assert.That(xml.Root!.Attribute("errors")!.Value, Is.EqualTo("2"));
        var suite = xml.Root.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "inputs");
        Assert.That(suite.Attribute("errors")!.Value, Is.EqualTo("2"));
        var error = suite.Elements("testcase").First().Element("error")!;
        Assert.That(error.Attribute("message")!.Value, Is.EqualTo("input not read: " + TruncatedMessage));
        Assert.That(error.Value, Is.EqualTo($"{Truncated}(1549,54): error: {TruncatedMessage}"));
    }

    [TestCase("text", "2 inputs could not be read; their resources are not evaluated:\n  " + Truncated + "(1549,54): error: ")]
    [TestCase("markdown", "## sec08: 19 failures, 2 inputs not read\n")]
    [TestCase("html", "<section class=\"input-errors\" id=\"input-errors\"><h2>2 inputs could not be read; their resources are not evaluated</h2>")]
    public void PeopleFormats_SayPlainlyThatInputsWereNotRead(string format, string expected)
    {
        var run = CliRunner.Invoke([.. s_run, "--format", format]);

        Assert.That(run.Out, Does.Contain(expected));
    }

    [Test]
    public void PathThatDoesNotExist_StillEndsTheRunBeforeAnyReport()
    {
        using var temp = new TempFolder();

        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples", "no-such-input.json", "--format", "json", "-o", temp.Combine("r.json"));

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(File.Exists(temp.Combine("r.json")), Is.False);
    }

    [Test]
    public void ReportNamedAsTheUnreadInput_IsRefused()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("bad.json");
        File.WriteAllText(input, "{\"Resources\":");

        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples", input, "--format", "json", "-o", input);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("it is a policy or input of this run"));
        Assert.That(File.ReadAllText(input), Is.EqualTo("{\"Resources\":"));
    }
}
