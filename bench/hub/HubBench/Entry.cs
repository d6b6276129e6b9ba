using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dashboard.Jobs.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace HubBench;

/// <summary>
/// dotnet HubBench.dll run [--clients 10000] [--seconds 60] [--circuits 30] [--warm 25] [--prime 0] [--settle 10] [--pages /,/owner] [--only hubs|circuits]
/// [--client light|hubconnection] [--connect-parallel 64] [--echo-port 61591] [--dashboard-port 61590]
/// (the driver: starts each server as a child process of this same program, then loads it);
/// serve-echo --port P and serve-dashboard --port P are the children.
/// </summary>
public static partial class Entry
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static int echoPort = 61591;
    private static int dashboardPort = 61590;

    public static async Task<int> Main(string[] args)
    {
        string Opt(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var mode = args.Length > 0 ? args[0] : "run";
        echoPort = int.Parse(Opt("--echo-port", echoPort.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        dashboardPort = int.Parse(Opt("--dashboard-port", dashboardPort.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        switch (mode)
        {
            case "serve-echo":
                await EchoServer.RunAsync(int.Parse(Opt("--port", echoPort.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture));
                return 0;
            case "serve-dashboard":
                await DashboardServer.RunAsync(int.Parse(Opt("--port", dashboardPort.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture));
                return 0;
            case "run":
                var clients = int.Parse(Opt("--clients", "10000"), CultureInfo.InvariantCulture);
                var clientKind = Opt("--client", "light");
                var parallel = int.Parse(Opt("--connect-parallel", "64"), CultureInfo.InvariantCulture);
                if (clientKind is not ("light" or "hubconnection") || clients < 1 || parallel < 1)
                {
                    Console.Error.WriteLine("--client must be light or hubconnection; --clients and --connect-parallel at least 1");
                    return 2;
                }
                var seconds = int.Parse(Opt("--seconds", "60"), CultureInfo.InvariantCulture);
                var circuits = int.Parse(Opt("--circuits", "30"), CultureInfo.InvariantCulture);
                // Pages opened (and kept open) before the baseline: their start-up costs (tiered JIT, thread pool growth,
                // the GC's first growth) are paid once per process, not per page; 0 measures from a cold process.
                var warmPages = int.Parse(Opt("--warm", "25"), CultureInfo.InvariantCulture);
                var settleSeconds = int.Parse(Opt("--settle", "10"), CultureInfo.InvariantCulture);
                // Pages opened, left to settle and closed again before the baseline: a dashboard that has run for a day
                // has compiled (tier-1, PGO) everything many open pages call; without priming, that one-off is divided
                // among the measured pages. 0 (the default) measures without.
                var primePages = int.Parse(Opt("--prime", "0"), CultureInfo.InvariantCulture);
                // Pages measured one after another, each in a fresh dashboard process (no circuit of the previous page left).
                var circuitPages = Opt("--pages", "/").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var only = Opt("--only", "all");
                var settings = Opt("--settings", Environment.GetEnvironmentVariable("DASHBOARD_STACK_SETTINGS") ?? "");
                if (!File.Exists(settings))
                {
                    Console.Error.WriteLine("--settings (or DASHBOARD_STACK_SETTINGS) must name the stack's appsettings.stack.json");
                    return 2;
                }
                var outDir = Opt("--out", Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings))!, "hubbench"));
                Directory.CreateDirectory(outDir);
                Log($"machine: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
                if (only is "all" or "hubs")
                {
                    foreach (var kind in new[] { "echo", "dashboard" })
                    {
                        await (clientKind == "light"
                            ? LightHubRunAsync(kind, clients, seconds, parallel, settings, outDir)
                            : HubRunAsync(kind, clients, seconds, settings, outDir));
                    }
                }
                if (only is "all" or "circuits")
                {
                    foreach (var path in circuitPages)
                    {
                        await CircuitRunAsync(circuits, warmPages, settleSeconds, primePages, path, settings, outDir);
                    }
                }
                return 0;
            default:
                Console.Error.WriteLine("usage: HubBench run|serve-echo|serve-dashboard");
                return 2;
        }
    }

    private static void Log(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    // ---------------------------------------------------------------- child servers

    private sealed class Child : IAsyncDisposable
    {
        public required Process Process { get; init; }
        public required Uri Base { get; init; }
        public string? CredentialsPath { get; init; }
        private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };

        public long RssKb()
        {
            foreach (var line in File.ReadLines($"/proc/{Process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                }
            }
            throw new InvalidOperationException("no VmRSS");
        }

        /// <summary>utime + stime of the server process, in clock ticks (100 per second here).</summary>
        public long CpuTicks()
        {
            var stat = File.ReadAllText($"/proc/{Process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        /// <summary>Forces a full GC in the server (aggressive: returning free space to the OS); returns (managed heap bytes, RSS kB right after).</summary>
        public async Task<(long Heap, long RssKb)> SettleAsync(bool aggressive = false)
        {
            var heap = long.Parse(await http.GetStringAsync(new Uri(Base, aggressive ? "/_bench/gc?aggressive=1" : "/_bench/gc")), CultureInfo.InvariantCulture);
            await Task.Delay(500);
            return (heap, RssKb());
        }

        /// <summary>The server's memory by part (GC accounting, smaps by kind of mapping), see MemoryBreakdown.</summary>
        public Task<string> GetAsync(string path) => http.GetStringAsync(new Uri(Base, path));

        public async Task<Dictionary<string, long>> MemoryAsync() =>
            JsonSerializer.Deserialize<Dictionary<string, long>>(await http.GetStringAsync(new Uri(Base, "/_bench/mem")))!;

        public async Task WaitReadyAsync()
        {
            var started = DateTime.UtcNow;
            for (var i = 0; i < 240; i++)
            {
                if (Process.HasExited)
                {
                    throw new InvalidOperationException($"server exited with {Process.ExitCode}");
                }
                try
                {
                    using var response = await http.GetAsync(new Uri(Base, "/_bench/gc"));
                    if (response.IsSuccessStatusCode && (CredentialsPath is null || (File.Exists(CredentialsPath) && File.GetLastWriteTimeUtc(CredentialsPath) >= started)))
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(500);
            }
            throw new TimeoutException("server not ready in 120 s");
        }

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }
            Process.Dispose();
            http.Dispose();
        }
    }

    private static async Task<Child> StartChildAsync(string kind, string settings, string outDir)
    {
        var port = kind == "echo" ? echoPort : dashboardPort;
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo
        {
            FileName = self,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(Entry).Assembly.Location);
        }
        info.ArgumentList.Add(kind == "echo" ? "serve-echo" : "serve-dashboard");
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        // Both servers as the Dashboard deploys: Server GC (the Web SDK's default for the app).
        info.Environment["DOTNET_gcServer"] = Environment.GetEnvironmentVariable("DOTNET_gcServer") ?? "1"; // the published app's runtimeconfig, unless the run says otherwise
        string? credentials = null;
        if (kind == "dashboard")
        {
            credentials = Path.Combine(outDir, "demo-credentials.json");
            info.Environment["DASHBOARD_STACK_SETTINGS"] = settings;
            info.Environment["Dashboard__DemoMode"] = "true";
            info.Environment["Dashboard__EnvironmentLabel"] = "bench";
            info.Environment["Dashboard__DemoCredentialsPath"] = credentials;
            info.Environment["Logging__LogLevel__Default"] = "Warning";
        }
        var process = Process.Start(info)!;
        var log = new StreamWriter(Path.Combine(outDir, $"{kind}-server.log")) { AutoFlush = true };
        var logGate = new Lock();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (logGate)
                {
                    log.WriteLine(line);
                }
            }
        }
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new Child { Process = process, Base = new Uri($"http://127.0.0.1:{port}/"), CredentialsPath = credentials };
        await child.WaitReadyAsync();
        return child;
    }

    private sealed record DemoCredential(string Role, string Email, string Password, string Token);

    // ---------------------------------------------------------------- hub load

    private static async Task HubRunAsync(string kind, int clientCount, int seconds, string settings, string outDir)
    {
        Log($"--- {kind}: starting the server");
        await using var child = await StartChildAsync(kind, settings, outDir);
        var (tokens, path) = await HubTargetAsync(kind, child);

        var recording = 0;
        var samples = new ConcurrentQueue<double>();
        var received = 0L;
        var closed = 0;

        Task<List<HubConnection>> ConnectAsync(int count) => ConnectAllAsync(count, 25, async i =>
        {
            var (_, token) = tokens[i % tokens.Length];
            var connection = new HubConnectionBuilder()
                .WithUrl(HubUrl(child.Base, path, token), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                })
                .Build();
            connection.On<GaugeBatch>("Snapshots", batch =>
            {
                var ms = (DateTimeOffset.UtcNow - batch.PublishedAt).TotalMilliseconds;
                if (Volatile.Read(ref recording) == 1)
                {
                    samples.Enqueue(ms);
                    Interlocked.Increment(ref received);
                }
            });
            connection.Closed += _ =>
            {
                Interlocked.Increment(ref closed);
                return Task.CompletedTask;
            };
            await connection.StartAsync();
            return connection;
        });

        // Warm-up: JIT the connect and send paths, then drop those connections.
        var warm = await ConnectAsync(20);
        await Task.Delay(3000);
        await Task.WhenAll(warm.Select(c => c.DisposeAsync().AsTask()));
        await Task.Delay(3000);

        Volatile.Write(ref closed, 0);
        var (heap0, rss0) = await child.SettleAsync();
        Log($"{kind}: baseline after GC: RSS {rss0:N0} kB, managed heap {heap0 / 1024:N0} kB");
        var connectWatch = Stopwatch.StartNew();
        var connections = await ConnectAsync(clientCount);
        Log($"{kind}: {connections.Count} connections open in {connectWatch.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(5000);
        var rssOpen = child.RssKb();
        var (heap1, rss1) = await child.SettleAsync();
        var (_, rssAggressive1) = await child.SettleAsync(aggressive: true);
        Log($"{kind}: with {connections.Count} clients: RSS {rssOpen:N0} kB before GC, {rss1:N0} kB after GC, managed heap {heap1 / 1024:N0} kB");

        var me = Process.GetCurrentProcess();
        var clientCpu0 = me.TotalProcessorTime;
        var cpu0 = child.CpuTicks();
        var wall = Stopwatch.StartNew();
        Volatile.Write(ref recording, 1);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref recording, 0);
        var cpu1 = child.CpuTicks();
        var elapsed = wall.Elapsed.TotalSeconds;
        me.Refresh();
        var clientCpu = (me.TotalProcessorTime - clientCpu0).TotalSeconds;
        var rssEnd = child.RssKb();
        var load = File.ReadAllText("/proc/loadavg").Trim();

        var sorted = samples.ToArray();
        Array.Sort(sorted);
        double Pct(double p) => Percentile(sorted, p);
        var serverCpuPct = (cpu1 - cpu0) / 100.0 / elapsed * 100;
        var perConnRss = (rss1 - rss0) * 1024.0 / connections.Count;
        var perConnHeap = (heap1 - heap0) / (double)connections.Count;
        var expected = (long)connections.Count * seconds;
        var result = new
        {
            kind,
            connections = connections.Count,
            seconds = Math.Round(elapsed, 1),
            messages = received,
            expectedAbout = expected,
            closedDuringRun = closed,
            p50Ms = Math.Round(Pct(50), 1),
            p99Ms = Math.Round(Pct(99), 1),
            maxMs = sorted.Length == 0 ? double.NaN : Math.Round(sorted[^1], 1),
            rssBaselineKb = rss0,
            rssOpenKb = rss1,
            rssOpenBeforeGcKb = rssOpen,
            rssEndKb = rssEnd,
            rssPerConnectionKb = Math.Round(perConnRss / 1024, 1),
            heapPerConnectionKb = Math.Round(perConnHeap / 1024, 1),
            serverCpuPctOfOneCore = Math.Round(serverCpuPct, 1),
            clientCpuPctOfOneCore = Math.Round(clientCpu / elapsed * 100, 1),
            loadAvgAfter = load,
        };
        var json = JsonSerializer.Serialize(result, Indented);
        Log($"{kind} RESULT:\n{json}");
        await File.WriteAllTextAsync(Path.Combine(outDir, $"hub-{kind}-{DateTime.UtcNow:yyyyMMddTHHmmss}.json"), json);
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
    }

    // ---------------------------------------------------------------- Blazor circuits

    private static async Task CircuitRunAsync(int count, int warm, int settle, int prime, string path, string settings, string outDir)
    {
        Log($"--- circuits on {path}: starting the dashboard");
        await using var child = await StartChildAsync("dashboard", settings, outDir);
        var owner = JsonSerializer.Deserialize<List<DemoCredential>>(await File.ReadAllTextAsync(child.CredentialsPath!), Web)!.First(c => c.Role == "owner");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = child.Base.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });

        // A loaded machine (other benches, builds) can take more than Playwright's 30 s to load a page.
        context.SetDefaultNavigationTimeout(180_000);
        context.SetDefaultTimeout(180_000);

        static Task WaitInteractiveAsync(IPage page) =>
            page.Locator("[data-testid=interactive]").Filter(new LocatorFilterOptions { HasText = "interactive" })
                .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });

        // Sign in through the form; the overview it lands on is the warm-up circuit and stays open.
        var first = await context.NewPageAsync();
        await first.GotoAsync("/account/login?returnUrl=%2F");
        await first.FillAsync("#email", owner.Email);
        await first.FillAsync("#password", owner.Password);
        await first.ClickAsync("[data-testid=sign-in]");
        await first.WaitForURLAsync(new Uri(child.Base, "/").ToString());
        await WaitInteractiveAsync(first);
        await Task.Delay(5000);

        if (path != "/")
        {
            await first.GotoAsync(path);
            await WaitInteractiveAsync(first);
            await Task.Delay(3000);
        }

        var warmed = new List<IPage>();
        for (var i = 0; i < warm; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            await WaitInteractiveAsync(page);
            warmed.Add(page);
        }
        if (warm > 0)
        {
            await Task.Delay(10_000);
        }

        if (prime > 0)
        {
            var primed = new List<IPage>();
            for (var i = 0; i < prime; i++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(path);
                await WaitInteractiveAsync(page);
                primed.Add(page);
            }
            await Task.Delay(TimeSpan.FromSeconds(settle));
            foreach (var page in primed)
            {
                await page.CloseAsync();
            }
            // A closed tab's circuit ends when the browser's goodbye arrives; a saturated browser can be minutes late, and
            // until then the circuit would count in the baseline. Wait (at most 5 min) for only the open pages' circuits.
            var waited = Stopwatch.StartNew();
            while (int.Parse(await child.GetAsync("/_bench/circuits"), CultureInfo.InvariantCulture) > 1 + warm && waited.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(1000);
            }
            await Task.Delay(10_000);
            Log($"circuits: primed with {prime} pages of {path}, opened, settled {settle} s and closed; {await child.GetAsync("/_bench/circuits")} circuits open after {waited.Elapsed.TotalSeconds:F0} s");
        }

        var circuitsAtBaseline = int.Parse(await child.GetAsync("/_bench/circuits"), CultureInfo.InvariantCulture);
        var (heap0, rss0) = await child.SettleAsync();
        Log($"circuits: baseline ({1 + warm} pages of {path} open) after GC: RSS {rss0:N0} kB, managed heap {heap0 / 1024:N0} kB");
        var (_, rssAggressive0) = await child.SettleAsync(aggressive: true);
        await child.GetAsync("/_bench/trim");
        await Task.Delay(500);
        var rssTrimmed0 = child.RssKb();
        var mem0 = await child.MemoryAsync();
        await child.GetAsync("/_bench/jit?reset=1");
        var pages = new List<IPage>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            await WaitInteractiveAsync(page);
            pages.Add(page);
        }
        Log($"circuits: {count} more pages of {path} interactive in {watch.Elapsed.TotalSeconds:F1} s");
        // Opening 50 pages saturates a 2-core machine's browser for minutes; --settle gives the pages time to catch up
        // with the updates sent meanwhile, so the figure is the steady state of open pages, not the opening's backlog.
        var heapBeforeSettle = (await child.SettleAsync()).Heap;
        await Task.Delay(TimeSpan.FromSeconds(settle));
        var rssOpen = child.RssKb();
        var circuitsAtEnd = int.Parse(await child.GetAsync("/_bench/circuits"), CultureInfo.InvariantCulture);
        var (heap1, rss1) = await child.SettleAsync();
        var (_, rssAggressive1) = await child.SettleAsync(aggressive: true);
        await child.GetAsync("/_bench/trim");
        await Task.Delay(500);
        var rssTrimmed1 = child.RssKb();
        var mem1 = await child.MemoryAsync();
        Log($"circuits: methods compiled while the pages were open: {await child.GetAsync("/_bench/jit")}");
        var result = new
        {
            page = path,
            circuits = count,
            openBeforeBaseline = 1 + warm,
            primedWith = prime,
            circuitsAtBaseline,
            circuitsAtEnd,
            rssBaselineKb = rss0,
            rssOpenBeforeGcKb = rssOpen,
            rssOpenKb = rss1,
            rssPerCircuitKb = Math.Round((rss1 - rss0) / (double)count, 1),
            rssPerCircuitAfterAggressiveGcKb = Math.Round((rssAggressive1 - rssAggressive0) / (double)count, 1),
            rssPerCircuitAfterAggressiveGcAndMallocTrimKb = Math.Round((rssTrimmed1 - rssTrimmed0) / (double)count, 1),
            heapBaselineKb = heap0 / 1024,
            heapOpenKb = heap1 / 1024,
            heapPerCircuitKb = Math.Round((heap1 - heap0) / 1024.0 / count, 1),
            settleSeconds = settle,
            heapPerCircuitRightAfterOpeningKb = Math.Round((heapBeforeSettle - heap0) / 1024.0 / count, 1),
            loadAvgAfter = File.ReadAllText("/proc/loadavg").Trim(),
            // After the aggressive GCs: each part of the process's memory, per open page (kB), and the totals.
            memoryPerCircuitAfterAggressiveGcKb = mem1.Keys.Union(mem0.Keys).ToDictionary(
                k => k, k => Math.Round((mem1.GetValueOrDefault(k) - mem0.GetValueOrDefault(k)) / (double)count, 1)),
            memoryBaseline = mem0,
            memoryOpen = mem1,
        };
        var json = JsonSerializer.Serialize(result, Indented);
        Log($"circuits RESULT:\n{json}");
        await File.WriteAllTextAsync(Path.Combine(outDir, $"circuits-{path.Trim('/').Replace('/', '-') switch { "" => "overview", var p => p }}-{DateTime.UtcNow:yyyyMMddTHHmmss}.json"), json);
        foreach (var page in pages.Concat(warmed))
        {
            await page.CloseAsync();
        }
    }
}
