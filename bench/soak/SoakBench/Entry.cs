using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Npgsql;

namespace SoakBench;

/// <summary>
/// dotnet SoakBench.dll --proxy URL --state DIR --stack-settings FILE [--minutes 60] [--pages 50]
/// [--clients 1000] [--forecast-every 10] [--out DIR]: holds open pages and hub clients through
/// the proxy of scripts/cluster.sh, asks for a forecast every few minutes and reads the API every
/// 10 s, while <see cref="Sampler"/> records every process once a minute (see ../README.md).
/// </summary>
public static class Entry
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    // Errors, counted from the clients' side; all of them must stay 0.
    private static int stopping;
    private static long hubConnectFailures, hubClosed, hubMessages, pageErrors, apiRequests, apiErrors, forecastsOk, forecastsFailed;

    public static async Task<int> Main(string[] args)
    {
        string Opt(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        int Int(string name, int fallback) => int.Parse(Opt(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var proxy = new Uri(Opt("--proxy", "http://127.0.0.1:5180"));
        var state = Opt("--state", ".state/cluster");
        var settings = Opt("--stack-settings", Path.Combine(state, "appsettings.stack.json"));
        var minutes = Int("--minutes", 60);
        var pageCount = Int("--pages", 50);
        var clientCount = Int("--clients", 1000);
        var forecastEvery = Int("--forecast-every", 10);
        var outDir = Opt("--out", Path.Combine(state, "soak"));
        Directory.CreateDirectory(outDir);

        var credentials = JsonSerializer.Deserialize<List<Credential>>(await File.ReadAllTextAsync(Path.Combine(state, "demo-credentials.json")), Web)!;
        var owner = credentials.First(c => c.Role == "owner");
        var engineer = credentials.First(c => c.Role == "engineer");
        var sampler = new Sampler(state, AdminConnection(settings, "PrimaryPort"), AdminConnection(settings, "ReplicaPort"), Path.Combine(outDir, "processes.csv"));
        var clientsCsv = Path.Combine(outDir, "clients.csv");
        await File.WriteAllTextAsync(clientsCsv, "utc,minute,hub_open,hub_messages,hub_closed,hub_connect_failures,pages_open,pages_interactive,page_errors,api_requests,api_errors,forecasts_ok,forecasts_failed,load1\n");
        Log($"soak: {minutes} min, {pageCount} pages, {clientCount} hub clients via {proxy}; load {File.ReadAllText("/proc/loadavg").Trim()}");

        using var stop = new CancellationTokenSource();
        var started = DateTimeOffset.UtcNow;
        await sampler.SampleAsync(started, stop.Token);

        var hubs = await ConnectHubsAsync(proxy, credentials, clientCount);
        Log($"hub clients open: {hubs.Count} (failures {hubConnectFailures})");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var pages = await OpenPagesAsync(browser, proxy, credentials, pageCount);
        Log($"pages open: {pages.Count}");

        using var http = new HttpClient { BaseAddress = proxy, Timeout = TimeSpan.FromSeconds(30) };
        var api = ApiLoopAsync(http, engineer.Token, stop.Token);
        var forecasts = ForecastLoopAsync(http, owner.Token, TimeSpan.FromMinutes(forecastEvery), stop.Token);

        var end = started + TimeSpan.FromMinutes(minutes);
        var nextSample = started + TimeSpan.FromMinutes(1);
        while (DateTimeOffset.UtcNow < end)
        {
            var wait = nextSample - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            nextSample += TimeSpan.FromMinutes(1);
            try
            {
                await sampler.SampleAsync(started, stop.Token);
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException)
            {
                Log($"sample failed: {ex.Message}");
            }
            var interactive = 0;
            foreach (var page in pages)
            {
                if (await IsInteractiveAsync(page))
                {
                    interactive++;
                }
            }
            var minute = (DateTimeOffset.UtcNow - started).TotalMinutes;
            var row = string.Join(',', DateTimeOffset.UtcNow.ToString("O"), minute.ToString("F2", CultureInfo.InvariantCulture),
                hubs.Count(h => h.State == HubConnectionState.Connected), Interlocked.Read(ref hubMessages), Interlocked.Read(ref hubClosed),
                Interlocked.Read(ref hubConnectFailures), pages.Count, interactive, Interlocked.Read(ref pageErrors),
                Interlocked.Read(ref apiRequests), Interlocked.Read(ref apiErrors), Interlocked.Read(ref forecastsOk),
                Interlocked.Read(ref forecastsFailed), File.ReadAllText("/proc/loadavg").Split(' ')[0]);
            await File.AppendAllTextAsync(clientsCsv, row + "\n");
            Log(row);
        }
        Volatile.Write(ref stopping, 1);
        await stop.CancelAsync();
        await Task.WhenAll(api, forecasts);
        await Task.WhenAll(hubs.Select(h => h.DisposeAsync().AsTask()));
        Log("soak done");
        return 0;
    }

    private static void Log(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    /// <summary>The stack's primary (or only its replica) as the dashboard role, database postgres.</summary>
    private static string AdminConnection(string settingsPath, string portKey)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(settingsPath));
        var primary = new NpgsqlConnectionStringBuilder(doc.RootElement.GetProperty("ConnectionStrings").GetProperty("Primary").GetString())
        {
            Host = "127.0.0.1",
            Port = doc.RootElement.GetProperty("Stack").GetProperty(portKey).GetInt32(),
            Database = "postgres",
            ApplicationName = "soak-sampler",
        };
        return primary.ConnectionString;
    }

    private static async Task<List<HubConnection>> ConnectHubsAsync(Uri proxy, List<Credential> credentials, int count)
    {
        var connections = new HubConnection?[count];
        using var gate = new SemaphoreSlim(25);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var token = credentials[i % credentials.Count].Token;
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(proxy, "hubs/saturation?access_token=" + Uri.EscapeDataString(token)), o =>
                    {
                        o.Transports = HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                    })
                    .Build();
                connection.On<JsonElement>("Snapshots", _ => Interlocked.Increment(ref hubMessages));
                connection.Closed += ex =>
                {
                    if (Volatile.Read(ref stopping) == 1)
                    {
                        return Task.CompletedTask;
                    }
                    Interlocked.Increment(ref hubClosed);
                    Log($"hub client closed: {ex?.Message}");
                    return Task.CompletedTask;
                };
                await connection.StartAsync();
                connections[i] = connection;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
            {
                if (Interlocked.Increment(ref hubConnectFailures) <= 3)
                {
                    Log($"hub connect failed: {ex.Message}");
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. connections.OfType<HubConnection>()];
    }

    /// <summary>Five pages per browser context (one affinity cookie each), so both webs get circuits.</summary>
    private static async Task<List<IPage>> OpenPagesAsync(IBrowser browser, Uri proxy, List<Credential> credentials, int count)
    {
        var pages = new List<IPage>();
        for (var c = 0; pages.Count < count; c++)
        {
            var who = credentials[c % credentials.Count];
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = proxy.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            for (var p = 0; p < 5 && pages.Count < count; p++)
            {
                var page = await context.NewPageAsync();
                page.PageError += (_, error) =>
                {
                    Interlocked.Increment(ref pageErrors);
                    Log($"page error: {error}");
                };
                page.Console += (_, message) =>
                {
                    if (message.Type == "error")
                    {
                        Interlocked.Increment(ref pageErrors);
                        Log($"console error: {message.Text}");
                    }
                };
                if (p == 0)
                {
                    await page.GotoAsync("/account/login?returnUrl=%2F");
                    await page.FillAsync("#email", who.Email);
                    await page.FillAsync("#password", who.Password);
                    await page.ClickAsync("[data-testid=sign-in]");
                    await page.WaitForURLAsync(new Uri(proxy, "/").ToString());
                }
                else
                {
                    await page.GotoAsync("/");
                }
                await page.Locator("[data-testid=interactive]").Filter(new LocatorFilterOptions { HasText = "interactive" })
                    .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 120_000 });
                pages.Add(page);
            }
        }
        return pages;
    }

    private static async Task<bool> IsInteractiveAsync(IPage page)
    {
        try
        {
            return await page.Locator("[data-testid=interactive]").TextContentAsync(new LocatorTextContentOptions { Timeout = 5000 }) == "interactive";
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static async Task ApiLoopAsync(HttpClient http, string token, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref apiRequests);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/forecasts");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request, stop);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref apiErrors);
                    Log($"api error: {(int)response.StatusCode}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref apiErrors);
                Log($"api error: {ex.Message}");
            }
            await Delay(TimeSpan.FromSeconds(10), stop);
        }
    }

    /// <summary>A forecast on demand every few minutes (the recurring one runs besides), followed to its end.</summary>
    private static async Task ForecastLoopAsync(HttpClient http, string token, TimeSpan every, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/forecasts/recompute");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request, stop);
                response.EnsureSuccessStatusCode();
                var runId = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop)).RootElement.GetProperty("runId").GetString();
                var outcome = "";
                for (var i = 0; i < 600 && outcome is not ("Succeeded" or "Failed"); i++)
                {
                    await Task.Delay(1000, stop);
                    using var poll = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/forecasts/runs/{runId}");
                    poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var run = await http.SendAsync(poll, stop);
                    if (run.IsSuccessStatusCode)
                    {
                        outcome = JsonDocument.Parse(await run.Content.ReadAsStringAsync(stop)).RootElement.GetProperty("state").GetString() ?? "";
                    }
                }
                if (outcome == "Succeeded")
                {
                    Interlocked.Increment(ref forecastsOk);
                }
                else
                {
                    Interlocked.Increment(ref forecastsFailed);
                    Log($"forecast run {runId} ended as '{outcome}'");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException)
            {
                Interlocked.Increment(ref forecastsFailed);
                Log($"forecast request failed: {ex.Message}");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            await Delay(every, stop);
        }
    }

    private static async Task Delay(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed record Credential(string Role, string Email, string Password, string Token);
}
