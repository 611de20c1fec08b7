using Microsoft.Playwright;
using Sec08Policy.Compiler;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Reporting;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Reporting;

/// <summary>
/// The HTML report in a real headless Chromium: it opens without console errors and without a network request, the
/// charts draw, and each filter narrows the table to what the evaluation says. Skipped, with the reason, where no
/// Chromium is installed (.ci/run installs it).
/// </summary>
[NonParallelizable]
public class HtmlReportBrowserTests
{
    private static EvaluationResult s_result = null!;
    private static TempFolder s_temp = null!;
    private static string s_report = null!;
    private static HeadlessBrowser s_browser = null!;

    [OneTimeSetUp]
    public static async Task OpenBrowser()
    {
        if (HeadlessBrowser.Executable is not { } executable)
        {
            Assert.Ignore("no Chromium at /usr/bin/chromium (install it with `apt-get install chromium`, or set SEC08_CHROMIUM): the HTML report's browser test is skipped");
            return;
        }

        var loaded = PolicySetLoader.Load([Path.Combine(RepoPaths.Root, "policies"), Path.Combine(RepoPaths.Root, "library")]);
        var policy = Compilation.Create(loaded.Trees, TestPolicies.Options).Lower()!;
        var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "examples"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => InputLoader.Load(f));
        s_result = new Evaluator(policy, new EvaluationOptions(CliRunner.Today)).Evaluate(InputSetResolver.Resolve([.. files.SelectMany(f => f.Resources)]));
        s_temp = new TempFolder();
        s_report = s_temp.Combine("report.html");
        using (var stream = File.Create(s_report))
        {
            Reporter.Write(s_result, ReportFormat.Html, stream, color: false, "1.0.0");
        }

        s_browser = await HeadlessBrowser.LaunchAsync(executable);
    }

    [OneTimeTearDown]
    public static async Task CloseBrowser()
    {
        if (s_browser is not null)
        {
            await s_browser.DisposeAsync();
        }

        s_temp?.Dispose();
    }

    [Test]
    public async Task Report_OpensWithoutErrorsOrNetworkAndDrawsEveryChart()
    {
        var opened = await OpenReady();

        Assert.That(opened.Problems, Is.Empty);
        Assert.That(opened.Requests, Is.Empty, "the report fetched nothing");
        foreach (var chart in new[] { "classification", "service", "framework" })
        {
            Assert.That(await opened.Page.Locator($"#chart-{chart} svg rect.bar").CountAsync(), Is.GreaterThan(0), chart);
        }

        var frameworks = s_result.Compliance.Select(f => f.Title);
        var headings = await opened.Page.Locator("#chart-framework h3").AllTextContentsAsync();
        Assert.That(headings.Select(h => h.Split(':')[0]), Is.EqualTo(frameworks));
        Assert.That(await opened.Page.Locator("#kpis .kpi").CountAsync(), Is.EqualTo(4));
    }

    [Test]
    public async Task Report_ShowsTheProblemsFirstWithBothPositions()
    {
        var opened = await OpenReady();
        var problems = s_result.Findings.Count(f => f.Verdict != Verdict.Pass);

        var rows = opened.Page.Locator("#findings tbody tr");

        Assert.That(await rows.CountAsync(), Is.EqualTo(Math.Min(200, problems)));
        Assert.That(await opened.Page.Locator("#page-status").TextContentAsync(), Does.EndWith($" of {problems}"));
        var first = ReportOrder.Sorted(s_result.Findings.Where(f => f.Verdict != Verdict.Pass)).First();
        var cells = await rows.First.Locator("td").AllTextContentsAsync();
        Assert.That(cells[2], Is.EqualTo(first.Rule.Id));
        Assert.That(cells[7], Is.EqualTo(first.Resource.Position.ToString()));
        Assert.That(cells[8], Is.EqualTo(first.Rule.Origin.ToString()));
    }

    [Test]
    public async Task Report_FiltersBySeverityVerdictRuleAndService()
    {
        var opened = await OpenReady();
        var page = opened.Page;

        await page.SelectOptionAsync("#filter-verdict", new SelectOptionValue { Label = "any" });
        Assert.That(await Shown(page), Is.EqualTo(s_result.Findings.Length));

        await page.SelectOptionAsync("#filter-verdict", new SelectOptionValue { Label = "waived" });
        Assert.That(await Column(page, 0), Is.All.EqualTo("waived"));
        Assert.That(await Shown(page), Is.EqualTo(s_result.Count(Verdict.Waived)));

        await page.SelectOptionAsync("#filter-verdict", new SelectOptionValue { Label = "fail" });
        await page.SelectOptionAsync("#filter-severity", new SelectOptionValue { Label = "critical" });
        Assert.That(await Shown(page), Is.EqualTo(s_result.Findings.Count(f => f.Verdict == Verdict.Fail && f.Rule.Severity == Sec08Policy.Engine.Model.Severity.Critical)));
        Assert.That(await Column(page, 1), Is.All.EqualTo("critical"));

        await page.SelectOptionAsync("#filter-severity", new SelectOptionValue { Label = "any" });
        await page.SelectOptionAsync("#filter-rule", new SelectOptionValue { Label = "encryption_at_rest.1" });
        Assert.That(await Column(page, 2), Is.All.EqualTo("encryption_at_rest.1"));
        Assert.That(await Shown(page), Is.EqualTo(s_result.Findings.Count(f => f.Verdict == Verdict.Fail && f.Rule.Id == "encryption_at_rest.1")));

        await page.SelectOptionAsync("#filter-rule", new SelectOptionValue { Label = "any" });
        await page.SelectOptionAsync("#filter-service", new SelectOptionValue { Label = "kms" });
        Assert.That(await Column(page, 4), Is.All.EqualTo("kms"));
        Assert.That(await Shown(page), Is.EqualTo(s_result.Findings.Count(f => f.Verdict == Verdict.Fail && f.Resource.Service == "kms")));
        Assert.That(opened.Problems, Is.Empty);
    }

    private static async Task<HeadlessBrowser.OpenedPage> OpenReady()
    {
        var opened = await s_browser.OpenAsync(s_report);
        await opened.Page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        return opened;
    }

    /// <summary>How many findings match the filters, from the pager ("findings 1-20 of 37"), or 0.</summary>
    private static async Task<int> Shown(IPage page)
    {
        var status = await page.Locator("#page-status").TextContentAsync() ?? string.Empty;
        return status.StartsWith("no finding", StringComparison.Ordinal) ? 0 : int.Parse(status[(status.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<string>> Column(IPage page, int index) =>
        await page.Locator($"#findings tbody tr td:nth-child({index + 1})").AllTextContentsAsync();
}
