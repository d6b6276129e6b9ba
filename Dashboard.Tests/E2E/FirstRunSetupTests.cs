using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>
/// A deployment with nothing configured, in Chromium: the bootstrap owner lands on /setup, connects the test stack's
/// Prometheus, sees the detected presets, applies node and redis, chooses "targets up" as availability, saves the
/// profile, and finds live gauges on the overview. A separate app process on a fresh database, its settings file the
/// stack's without Prometheus, Alertmanager or Redis (a shared cache would carry another app's catalog).
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class FirstRunSetupTests
{
    [Fact]
    public async Task Unconfigured_OwnerRunsSetup_OverviewShowsLiveGauges()
    {
        var stack = TestStack.Current;
        var settings = await UnconfiguredSettingsAsync(stack);
        var database = await TestDatabase.CreateAsync();
        var email = "owner@first-run.test";
        var password = "First-run-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["DASHBOARD_STACK_SETTINGS"] = settings,
            // The build output has no wwwroot: only Development serves the static assets from their build manifest, as
            // the in-process factory's UseStaticWebAssets does. Nothing else in the app depends on it with a bootstrap owner.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings:Primary"] = TestStack.WithDatabase(stack.PrimaryConnectionString, database),
            ["ConnectionStrings:Replica"] = TestStack.WithDatabase(stack.ReplicaConnectionString, database),
            ["Auth:BootstrapAdminEmail"] = email,
            ["Auth:BootstrapAdminPassword"] = password,
        });
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        var setup = new SetupPage(page);

        // Signed in to the overview, the owner lands on the first-run page.
        await login.SignInAsync(email, password, "/");
        await page.WaitForURLAsync("**/setup", new() { Timeout = 30_000 });
        await login.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-testid=setup-intro]")).ToContainTextAsync("Nothing is configured yet");
        await setup.ScreenshotsAsync("setup-connect");

        // 1. Connect: a URL that is not one is named by its field; the stack's Prometheus tests and saves.
        await page.Locator("[data-field=setup-prometheus-url] input, input[data-field=setup-prometheus-url]").First.FillAsync("prometheus:9090");
        await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error, .mud-input-error").First).ToContainTextAsync("Prometheus:Url");
        await setup.ConnectAsync(stack.PrometheusUrl);

        // 2. Presets: the stack's exporters are proposed with what they read now; a partial match says what is missing.
        await Assertions.Expect(setup.Proposed("node")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        foreach (var id in new[] { "node", "postgres", "redis", "blackbox" })
        {
            await Assertions.Expect(setup.Proposed(id)).ToBeVisibleAsync();
        }
        await Assertions.Expect(setup.Proposed("node").Locator("[data-testid=preset-found]")).ToContainTextAsync("node_cpu_seconds_total");
        var cpuPreview = setup.Proposed("node").Locator("[data-testid=preset-preview] tr[data-resource=cpu]");
        await Assertions.Expect(cpuPreview).ToContainTextAsync("%", new() { Timeout = 30_000 });
        await Assertions.Expect(setup.Proposed("redis").Locator("[data-testid=preset-preview] tr[data-resource=redis_memory]")).ToContainTextAsync("%", new() { Timeout = 30_000 });
        await setup.ScreenshotsAsync("setup-presets");
        await setup.ChooseOnlyAsync("node", "redis");
        await setup.ApplyAsync();

        // 3. Availability: no request metrics were applied, so that option says why; "targets up" is chosen.
        await Assertions.Expect(setup.SliOption("requests")).ToContainTextAsync("No request metrics applied", new() { Timeout = 30_000 });
        await Assertions.Expect(setup.SliOption("up").Locator("[data-testid=sli-now]")).ToContainTextAsync("Now:", new() { Timeout = 30_000 });
        await setup.ScreenshotsAsync("setup-availability");
        await setup.SaveSliAsync("up");

        // 4. Business profile (owner: MRR too), then 5. done.
        await Assertions.Expect(page.Locator("[data-field=setup-mrr]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await setup.SaveProfileAsync(99.5m, 1200, 800m, 20000m);
        await Assertions.Expect(page.Locator("[data-testid=setup-done]")).ToContainTextAsync("within one ingest pass", new() { Timeout = 30_000 });
        await setup.ScreenshotsAsync("setup-done");

        // The overview, no longer redirected: live gauges for cpu (node) and redis_memory (redis) within 60 s.
        await page.Locator("[data-testid=open-overview]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { Timeout = 30_000 });
        foreach (var metric in new[] { "cpu", "redis_memory" })
        {
            var gauge = page.Locator($"[data-testid=gauge-{metric}]").First;
            await Assertions.Expect(gauge).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("^(Ok|Warning|Critical)$"), new() { Timeout = 60_000 });
            await Assertions.Expect(gauge.Locator("[data-testid=gauge-reading]")).ToContainTextAsync("%");
        }
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "setup-overview-after");

        // Setup stays reachable from Settings.
        await page.GotoAsync("/settings");
        await login.WaitInteractiveAsync();
        await page.Locator("[data-testid=run-setup]").ClickAsync();
        await page.WaitForURLAsync("**/setup");
        await Assertions.Expect(page.Locator("[data-testid=setup-intro]")).ToContainTextAsync("Prometheus is connected");
        File.Delete(settings);
    }

    /// <summary>The stack's settings file without the sources and the shared cache: a deployment nobody has configured.</summary>
    private static async Task<string> UnconfiguredSettingsAsync(TestStack stack)
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(stack.SettingsPath))!.AsObject();
        json.Remove("Prometheus");
        json.Remove("Alertmanager");
        json["ConnectionStrings"]!.AsObject().Remove("Redis");
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-first-run-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json.ToJsonString());
        return path;
    }
}
