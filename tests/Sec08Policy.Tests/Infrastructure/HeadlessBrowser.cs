using Microsoft.Playwright;

namespace Sec08Policy.Tests.Infrastructure;

/// <summary>
/// Chromium from the operating system's packages (Debian: <c>apt-get install chromium</c>), driven through Playwright;
/// Playwright's own browser download is not used. Every request that is not the page's own file is refused and
/// recorded, so a report that reached for the network would show it.
/// </summary>
internal sealed class HeadlessBrowser : IAsyncDisposable
{
    private static readonly string[] s_candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private static readonly string[] s_arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;

    private HeadlessBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>The browser's executable, or null where none is installed.</summary>
    public static string? Executable =>
        Environment.GetEnvironmentVariable("SEC08_CHROMIUM") is { Length: > 0 } chosen ? chosen : s_candidates.FirstOrDefault(File.Exists);

    public static async Task<HeadlessBrowser> LaunchAsync(string executable)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = s_arguments });
        return new HeadlessBrowser(playwright, browser);
    }

    /// <summary>Opens a local file with the network refused; what the page logged and requested is collected.</summary>
    public async Task<OpenedPage> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync();
        var opened = new OpenedPage(page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                opened.Problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => opened.Problems.Add($"page error: {error}");
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file://", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                opened.Requests.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }

    public sealed record OpenedPage(IPage Page)
    {
        public List<string> Problems { get; } = [];

        public List<string> Requests { get; } = [];
    }
}
