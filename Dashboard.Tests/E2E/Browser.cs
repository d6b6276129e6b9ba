using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>Debian's Chromium, driven by Playwright's bundled driver (no browser download).</summary>
public static class Browser
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? playwright;
    private static IBrowser? browser;

    public static readonly string ScreenshotDir = Path.Combine(RepoPaths.Root, "TestResults", "screenshots");

    /// <summary>A fresh context (its own cookies and cache) at a viewport of <paramref name="width"/> × <paramref name="height"/> CSS pixels.</summary>
    public static async Task<IBrowserContext> NewContextAsync(Uri baseAddress, int width = 1440, int height = 900)
    {
        await Gate.WaitAsync();
        try
        {
            if (browser is null)
            {
                const string chromium = "/usr/bin/chromium";
                if (!File.Exists(chromium))
                {
                    throw new InvalidOperationException("Chromium is not installed at /usr/bin/chromium; scripts/stack.sh up installs it.");
                }
                playwright = await Playwright.CreateAsync();
                browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = chromium,
                    Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run"],
                });
            }
        }
        finally
        {
            Gate.Release();
        }
        return await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
    }
}
