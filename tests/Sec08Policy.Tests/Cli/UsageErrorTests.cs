using Amazon.Runtime;
using Sec08Policy.Cli;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Cli;

/// <summary>A bad command line is a usage error (exit code 3) with a message, for every option of every command; never exit code 4.</summary>
public class UsageErrorTests
{
    private static readonly string[] s_badValues = ["", "abc", "-1", "99999999999"];

    [Test]
    public void EveryOptionOfEveryCommand_WithBadValues_IsAUsageErrorNeverAnInternalOne()
    {
        using var temp = new TempFolder();
        var root = CliApplication.CreateRoot(new CliContext(TextWriter.Null, TextWriter.Null, CliRunner.Today));
        var before = Directory.GetFileSystemEntries(RepoPaths.Root).Order(StringComparer.Ordinal).ToList();
        var tried = 0;
        foreach (var command in root.Subcommands)
        {
            foreach (var option in command.Options.Where(o => o.ValueType != typeof(bool) && o.Name.StartsWith("--", StringComparison.Ordinal)))
            {
                foreach (var value in s_badValues)
                {
                    // An output named by a bad but usable value (`abc`) is written in the temporary folder, never the repository.
                    var given = option.Name == "--output" && value.Length > 0 ? temp.Combine(command.Name + value) : value;
                    var args = Base(command.Name, option.Name, temp).Concat([option.Name, given]).ToArray();

                    // Live options talk to a closed loopback port with fixed credentials: nothing leaves the machine.
                    var run = CliRunner.Invoke(c => c with { AwsCredentials = new BasicAWSCredentials("AKIDUSAGE", "secret") }, args);

                    var shown = string.Join(' ', args);
                    Assert.That(run.ExitCode, Is.InRange(0, 3), shown + "\n" + run.Error);
                    Assert.That(run.Error, Does.Not.Contain("internal error"), shown);
                    var invalid = value.Length == 0 || (option.ValueType == typeof(int) && value != "0") || (option.ValueType == typeof(long) && value is "abc" or "-1");
                    if (invalid)
                    {
                        Assert.That(run.ExitCode, Is.EqualTo(3), shown);
                        Assert.That(run.Error, Does.StartWith($"sec08: error: {option.Name} "), shown);
                    }

                    tried++;
                }
            }
        }

        Assert.That(tried, Is.GreaterThan(100), "every command's options were tried");
        Assert.That(Directory.GetFileSystemEntries(RepoPaths.Root).Order(StringComparer.Ordinal), Is.EqualTo(before), "nothing was written in the repository");
    }

    [TestCase("nonsense", "sec08: error: Unrecognized command or argument 'nonsense'.\nrun `sec08 --help` for usage\n")]
    [TestCase("", "sec08: error: give a command: check, fmt, build, inspect, eval, collect, test, init, services, authorize or verify\nrun `sec08 --help` for usage\n")]
    public void UnknownOrMissingCommand_SaysOnlyWhatIsWrong(string command, string expected)
    {
        var run = CliRunner.Invoke(command.Length == 0 ? [] : [command]);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Is.EqualTo(expected));
    }

    [TestCase("collect", "--timeout", "-5", "--timeout takes a whole number from 1 to 3,600, not `-5`")]
    [TestCase("collect", "--retries", "-1", "--retries takes a whole number from 0 to 10, not `-1`")]
    [TestCase("build", "--scp-max-chars", "abc", "--scp-max-chars takes a whole number from 100 to 2,147,483,647, not `abc`")]
    [TestCase("build", "--scp-max-count", "99999999999", "--scp-max-count takes a whole number from 1 to 2,147,483,647, not `99999999999`")]
    [TestCase("build", "-o", "", "--output needs a path, not an empty string")]
    [TestCase("eval", "-o", "", "--output needs a path, not an empty string")]
    [TestCase("test", "--min-coverage", "NaN", "--min-coverage takes a percentage from 0 to 100, not `NaN`")]
    [TestCase("init", "--pack", "nope", "--pack takes ")]
    [TestCase("eval", "--max-input-size", "2 TB", "--max-input-size takes a size such as 500MB or 2GiB (at least 1 byte), not `2 TB`")]
    public void BadValue_NamesTheOptionAndWhatItTakes(string command, string option, string value, string message)
    {
        using var temp = new TempFolder();

        var run = CliRunner.Invoke([.. Base(command, option, temp), option, value]);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.StartWith("sec08: error: " + message));
    }

    /// <summary>A command line that runs the command, without <paramref name="except"/> (the option under test).</summary>
    private static List<string> Base(string command, string except, TempFolder temp)
    {
        var live = new[] { "--endpoint-url", "http://127.0.0.1:9", "--retries", "0", "--timeout", "1", "--region", "eu-west-1" };
        string[] args = command switch
        {
            "check" => ["check", "policies/classification.sec08"],
            "fmt" => ["fmt", "--check", "policies/classification.sec08"],
            "build" => ["build", "policies", "-o", temp.Combine("out")],
            "inspect" => ["inspect", "examples/terraform/plan.json"],
            "eval" => ["eval", "--policy", "policies", "--input", "examples/terraform/plan.json", .. live],
            "collect" => ["collect", "-o", temp.Combine("inventory.json"), .. live],
            "test" => ["test", "library/gdpr/tests/gdpr.test.yaml"],
            "init" => ["init", temp.Combine("scaffold")],
            "services" => ["services", "s3"],
            "verify" => ["verify", "--policy", "policies/classification.sec08"],
            "authorize" => ["authorize", "--policy", "policies", "--principal", "arn:aws:iam::111122223333:role/A", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k"],
            _ => throw new ArgumentException($"no base command line for `{command}`"),
        };

        // Leave out the option under test (with its value) so that it is given once.
        var kept = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == except || (except == "--output" && args[i] == "-o"))
            {
                i++;
                continue;
            }

            kept.Add(args[i]);
        }

        return kept;
    }
}
