using System.CommandLine;
using Sec08Policy.Collector;
using Sec08Policy.Engine.Inputs.Inventory;

namespace Sec08Policy.Cli.Commands;

/// <summary>The options that say how to reach AWS, shared by <c>collect</c> and <c>eval --live</c>.</summary>
internal sealed class LiveOptions
{
    public Option<string[]> Regions { get; } = OptionValues.Each(
        new Option<string[]>("--region") { Description = "a Region to read (repeatable); default: AWS_REGION, else us-east-1" },
        IsRegion,
        "a Region name such as eu-west-1");

    public Option<bool> AllRegions { get; } = new("--all-regions") { Description = "read every Region enabled for the account" };

    public Option<string?> Profile { get; } = OptionValues.NonEmptyPath(
        new Option<string?>("--profile") { Description = "a profile of the shared AWS config files (default: the standard credential chain)" });

    public Option<string[]> AssumeRoles { get; } = OptionValues.Each(
        new Option<string[]>("--assume-role") { Description = "a role to assume, one per account to read (repeatable)" },
        arn => arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Contains(":role/", StringComparison.Ordinal),
        "the ARN of an IAM role (arn:aws:iam::ACCOUNT:role/NAME)");

    /// <summary>An aggregator's name, as the Config API's pattern allows it.</summary>
    public Option<string?> ConfigAggregator { get; } = OptionValues.Each(
        new Option<string?>("--config-aggregator")
        {
            Description = "read a whole organization through this AWS Config aggregator (every account and Region it covers), in the one --region it is in",
        },
        name => name.Length is > 0 and <= 256 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'),
        "an AWS Config aggregator's name (1 to 256 letters, digits, `-` and `_`)");

    public Option<string?> EndpointUrl { get; } = OptionValues.Each(
        new Option<string?>("--endpoint-url") { Description = "send every API call to this endpoint instead of AWS's" },
        url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
        "an http:// or https:// URL");

    public Option<int> Timeout { get; } = OptionValues.Int("--timeout", "seconds one API call may take before it is retried or given up", 30, 1, 3600);

    public Option<int> Retries { get; } = OptionValues.Int("--retries", "retries per API call for throttling and transient errors, with backoff", 4, 0, 10);

    public void AddTo(Command command)
    {
        command.Options.Add(Retries);
        command.Options.Add(Regions);
        command.Options.Add(AllRegions);
        command.Options.Add(Profile);
        command.Options.Add(AssumeRoles);
        command.Options.Add(ConfigAggregator);
        command.Options.Add(EndpointUrl);
        command.Options.Add(Timeout);
    }

    public CollectOptions Read(ParseResult parse, CliContext context)
    {
        var regions = parse.GetValue(Regions) ?? [];
        if (regions.Length == 0)
        {
            regions = [Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1"];
        }

        return new CollectOptions
        {
            Regions = regions,
            Profile = parse.GetValue(Profile),
            AssumeRoles = parse.GetValue(AssumeRoles) ?? [],
            ConfigAggregator = parse.GetValue(ConfigAggregator),
            EndpointUrl = parse.GetValue(EndpointUrl),
            CallTimeout = TimeSpan.FromSeconds(parse.GetValue(Timeout)),
            MaxRetries = parse.GetValue(Retries),
            Credentials = context.AwsCredentials,
            Progress = context.ShowProgress ? new Progress<string>(line => context.Error.Write($"sec08: {line}\n")) : null,
        };
    }

    public bool WantsAllRegions(ParseResult parse) => parse.GetValue(AllRegions);

    /// <summary>Region names are lowercase words and a number joined by hyphens (us-east-1, us-gov-west-1, eu-central-2).</summary>
    private static bool IsRegion(string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z]{2}(-[a-z]+)+-[0-9]+$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>
    /// What is wrong with the way to AWS asked for, or null: an aggregator is read in the one Region it is in, with at
    /// most one role (into its account), and covers every Region by itself.
    /// </summary>
    public static string? Problem(CollectOptions options, bool allRegions) =>
        options.ConfigAggregator is null ? null
        : allRegions || options.Regions.Count != 1 ? "`--config-aggregator` reads every Region the aggregator covers: give only the `--region` it is in, and no `--all-regions`"
        : options.AssumeRoles.Count > 1 ? "`--config-aggregator` takes at most one `--assume-role` (a role in the aggregator's account)"
        : null;

    /// <summary>Collects, printing failed parts as warnings; null after reporting that nothing could be read.</summary>
    public static CollectResult? Collect(CollectOptions options, bool allRegions, CliContext context)
    {
        try
        {
            if (Problem(options, allRegions) is { } problem)
            {
                context.UsageError(problem);
                return null;
            }

            CollectResult result;
            if (options.ConfigAggregator is not null)
            {
                var organization = new OrganizationCollector(options);
                var resources = organization.ReadAsync().ToBlockingEnumerable().ToList();
                result = new CollectResult(resources, [.. organization.Errors]) { NothingCollected = organization.NothingCollected };
            }
            else
            {
                if (allRegions)
                {
                    options = options with { Regions = RegionLister.EnabledRegions(options) };
                }

                result = new AwsCollector(options).CollectAsync().GetAwaiter().GetResult();
            }

            return Report(result.Errors, result.NothingCollected, context) ? result : null;
        }
        catch (CollectException e)
        {
            context.UsageError(e.Message);
            return null;
        }
    }

    /// <summary>Prints failed parts as warnings; false, after saying so, when nothing at all could be read.</summary>
    public static bool Report(IEnumerable<InventoryError> errors, bool nothingCollected, CliContext context)
    {
        foreach (var error in errors)
        {
            context.Error.Write($"sec08: warning: {Describe(error)}\n");
        }

        if (nothingCollected)
        {
            context.UsageError("nothing could be collected; every call failed");
            return false;
        }

        return true;
    }

    private static string Describe(InventoryError error) =>
        $"{error.Service}{(error.Region is null ? string.Empty : $" in {error.Region}")}{(error.Account is null ? string.Empty : $" (account {error.Account})")}: {error.Message}";
}
