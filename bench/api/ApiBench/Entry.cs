using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ApiBench;

/// <summary>
/// ApiBench run [--rate 300] [--seconds 60] [--warmup 10] [--paths status,forecasts,business/summary] [--settings F] [--out D]
/// (the driver: starts the dashboard and the bare peer as child processes of this same program, captures the
/// dashboard's answers, serves the same bytes from the bare peer, then loads both at a fixed arrival rate);
/// serve-dashboard --port P and serve-bare --port P --responses D are the children.
/// </summary>
public static class Entry
{
    private const int DashboardPort = 62590;
    private const int BarePort = 62591;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> Main(string[] args)
    {
        string Opt(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        switch (args.Length > 0 ? args[0] : "run")
        {
            case "serve-dashboard":
                await DashboardServer.RunAsync(int.Parse(Opt("--port", $"{DashboardPort}"), CultureInfo.InvariantCulture));
                return 0;
            case "serve-bare":
                await BareServer.RunAsync(int.Parse(Opt("--port", $"{BarePort}"), CultureInfo.InvariantCulture), Opt("--responses", ""));
                return 0;
            case "run":
                var settings = Opt("--settings", Environment.GetEnvironmentVariable("DASHBOARD_STACK_SETTINGS") ?? "");
                if (!File.Exists(settings))
                {
                    Console.Error.WriteLine("--settings (or DASHBOARD_STACK_SETTINGS) must name the stack's appsettings.stack.json");
                    return 2;
                }
                var rate = double.Parse(Opt("--rate", "300"), CultureInfo.InvariantCulture);
                var seconds = int.Parse(Opt("--seconds", "60"), CultureInfo.InvariantCulture);
                var warmup = int.Parse(Opt("--warmup", "10"), CultureInfo.InvariantCulture);
                if (rate <= 0 || seconds <= 0 || warmup < 0)
                {
                    Console.Error.WriteLine("--rate and --seconds must be positive, --warmup at least 0");
                    return 2;
                }
                var paths = Opt("--paths", "status,forecasts,business/summary").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var outDir = Opt("--out", Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings))!, "apibench"));
                Directory.CreateDirectory(outDir);
                return await RunAsync(settings, outDir, rate, seconds, warmup, paths);
            default:
                Console.Error.WriteLine("usage: ApiBench run|serve-dashboard|serve-bare");
                return 2;
        }
    }

    private static void Log(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

    private static string Load() => File.ReadAllText("/proc/loadavg").Trim();

    private sealed record DemoCredential(string Role, string Email, string Password, string Token);

    private static async Task<int> RunAsync(string settings, string outDir, double rate, int seconds, int warmup, string[] paths)
    {
        Log($"machine: {Environment.ProcessorCount} cores, load {Load()}");
        var credentials = Path.Combine(outDir, "demo-credentials.json");
        File.Delete(credentials);
        await using var dashboard = StartChild("dashboard", outDir, DashboardPort, info =>
        {
            info.Environment["DASHBOARD_STACK_SETTINGS"] = settings;
            info.Environment["Dashboard__DemoMode"] = "true";
            info.Environment["Dashboard__EnvironmentLabel"] = "bench";
            info.Environment["Dashboard__DemoCredentialsPath"] = credentials;
            info.Environment["Logging__LogLevel__Default"] = "Warning";
        });
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        }) { Timeout = TimeSpan.FromSeconds(30) };

        var token = await OwnerTokenAsync(dashboard, credentials);
        Log("dashboard up; waiting for the first ingest pass and forecasts");
        var responses = Path.Combine(outDir, "responses");
        Directory.CreateDirectory(responses);
        foreach (var stale in Directory.GetFiles(responses))
        {
            File.Delete(stale);
        }
        foreach (var path in paths)
        {
            var bytes = await CaptureAsync(http, new Uri(dashboard.Base, "/api/v1/" + path), token);
            await File.WriteAllBytesAsync(Path.Combine(responses, ("api/v1/" + path).Replace('/', '_') + ".json"), bytes);
            Log($"captured /api/v1/{path}: {bytes.Length} bytes");
        }
        await using var bare = StartChild("bare", outDir, BarePort, info =>
        {
            info.ArgumentList.Add("--responses");
            info.ArgumentList.Add(responses);
        });
        await bare.WaitAsync(http, new Uri(bare.Base, "/_bench/ready"), null);

        var results = new List<object>();
        foreach (var path in paths)
        {
            foreach (var (name, child, bearer) in new[] { ("dashboard", dashboard, (string?)token), ("bare", bare, null) })
            {
                var url = new Uri(child.Base, "/api/v1/" + path);
                if (warmup > 0)
                {
                    await OpenLoad.RunAsync(name, http, url, bearer, rate, TimeSpan.FromSeconds(warmup));
                }
                var loadBefore = Load();
                var cpuBefore = child.CpuTicks();
                var result = await OpenLoad.RunAsync(name, http, url, bearer, rate, TimeSpan.FromSeconds(seconds));
                var cpu = (child.CpuTicks() - cpuBefore) / 100.0 / seconds * 100;
                Log($"{name,-9} {url.AbsolutePath,-26} sent {result.Scheduled} ok {result.Ok} errors {result.Errors} rate {result.AchievedRate:0.0}/s " +
                    $"p50 {result.P50Ms} p90 {result.P90Ms} p99 {result.P99Ms} max {result.MaxMs} ms; dispatch lag max {result.MaxDispatchLagMs} ms; " +
                    $"server CPU {cpu:0}% of a core; load {loadBefore} -> {Load()}" +
                    (result.Errors > 0 ? " errors: " + string.Join(", ", result.ErrorKinds.Select(k => $"{k.Key} x{k.Value}")) : ""));
                results.Add(new { result, serverCpuPercentOfCore = Math.Round(cpu, 1), loadBefore, loadAfter = Load() });
            }
        }
        var summary = JsonSerializer.Serialize(new { at = DateTime.UtcNow, rate, seconds, warmup, results }, Indented);
        var file = Path.Combine(outDir, $"api-{DateTime.UtcNow:yyyyMMddTHHmmss}.json");
        await File.WriteAllTextAsync(file, summary);
        Log($"results in {file}");
        return 0;
    }

    private static async Task<string> OwnerTokenAsync(Child dashboard, string credentials)
    {
        for (var i = 0; i < 360 && !File.Exists(credentials); i++)
        {
            dashboard.ThrowIfExited();
            await Task.Delay(500);
        }
        var owner = JsonSerializer.Deserialize<List<DemoCredential>>(await File.ReadAllTextAsync(credentials), Web)!.First(c => c.Role == "owner");
        return owner.Token;
    }

    /// <summary>The dashboard's answer once it carries data (a stored ingest pass, stored forecasts), up to 3 minutes.</summary>
    private static async Task<byte[]> CaptureAsync(HttpClient http, Uri url, string token)
    {
        byte[] last = [];
        for (var i = 0; i < 180; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new("Bearer", token);
            try
            {
                using var response = await http.SendAsync(request);
                last = await response.Content.ReadAsByteArrayAsync();
                if (OpenLoad.Check(response, last) is null && !IsEmpty(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(1000);
        }
        Log($"WARNING: {url.AbsolutePath} still has no data after 3 minutes; captured as is");
        return last;
    }

    private static bool IsEmpty(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        return (root.TryGetProperty("gauges", out var g) && g.GetArrayLength() == 0)
            || (root.TryGetProperty("forecasts", out var f) && f.GetArrayLength() == 0)
            || (root.TryGetProperty("publishedAt", out var p) && p.ValueKind == JsonValueKind.Null);
    }

    private sealed class Child : IAsyncDisposable
    {
        public required Process Process { get; init; }
        public required Uri Base { get; init; }

        public void ThrowIfExited()
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"server exited with {Process.ExitCode}; see its log");
            }
        }

        /// <summary>utime + stime of the server process, in clock ticks (100 per second here).</summary>
        public long CpuTicks()
        {
            var stat = File.ReadAllText($"/proc/{Process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        public async Task WaitAsync(HttpClient http, Uri url, string? token)
        {
            for (var i = 0; i < 240; i++)
            {
                ThrowIfExited();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    if (token is not null)
                    {
                        request.Headers.Authorization = new("Bearer", token);
                    }
                    using var response = await http.SendAsync(request);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(500);
            }
            throw new TimeoutException($"{url} not ready in 120 s");
        }

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }
            Process.Dispose();
        }
    }

    private static Child StartChild(string kind, string outDir, int port, Action<ProcessStartInfo> configure)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo { FileName = self, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(Entry).Assembly.Location);
        }
        info.ArgumentList.Add("serve-" + kind);
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        // Both servers as the Dashboard deploys: Server GC (the Web SDK's default for the app).
        info.Environment["DOTNET_gcServer"] = "1";
        configure(info);
        var process = Process.Start(info)!;
        var log = new StreamWriter(Path.Combine(outDir, $"{kind}-server.log")) { AutoFlush = true };
        var gate = new Lock();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    log.WriteLine(line);
                }
            }
        }
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Child { Process = process, Base = new Uri($"http://127.0.0.1:{port}/") };
    }
}
