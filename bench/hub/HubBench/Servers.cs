using System.Net;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HubBench;

/// <summary>The batch every server publishes: 18 gauges shaped like one real ingest pass.</summary>
public static class Batches
{
    private static readonly (string Id, string Name, string Category, string Entity, string Unit, double Value, double Warn, double Crit, ThresholdDirection Dir)[] Gauges =
    [
        ("availability_30d", "Availability (30 d)", "Availability", "api", "%", 99.95, 99.9, 99.5, ThresholdDirection.BelowIsBad),
        ("latency_p95", "API latency p95", "Latency", "api", "ms", 212, 300, 800, ThresholdDirection.AboveIsBad),
        ("latency_p99", "API latency p99", "Latency", "api", "ms", 540, 1000, 2000, ThresholdDirection.AboveIsBad),
        ("error_rate", "5xx error rate", "Errors", "api", "%", 0.2, 1, 5, ThresholdDirection.AboveIsBad),
        ("signup_success", "Signup success", "Business", "web", "%", 97.1, 95, 90, ThresholdDirection.BelowIsBad),
        ("payment_success", "Payment success", "Business", "web", "%", 98.7, 97, 94, ThresholdDirection.BelowIsBad),
        ("cpu_utilization", "CPU utilization", "Compute", "host-1", "%", 63, 70, 85, ThresholdDirection.AboveIsBad),
        ("cpu_utilization", "CPU utilization", "Compute", "host-2", "%", 71, 70, 85, ThresholdDirection.AboveIsBad),
        ("memory_utilization", "Memory utilization", "Compute", "host-1", "%", 58, 80, 90, ThresholdDirection.AboveIsBad),
        ("memory_utilization", "Memory utilization", "Compute", "host-2", "%", 61, 80, 90, ThresholdDirection.AboveIsBad),
        ("disk_utilization", "Disk utilization", "Storage", "host-1", "%", 44, 75, 90, ThresholdDirection.AboveIsBad),
        ("db_connections", "DB connections in use", "Database", "primary", "%", 38, 70, 90, ThresholdDirection.AboveIsBad),
        ("db_cache_hit", "DB cache hit ratio", "Database", "primary", "%", 99.2, 99, 95, ThresholdDirection.BelowIsBad),
        ("db_replication_lag", "Replication lag", "Database", "replica", "s", 0.4, 5, 30, ThresholdDirection.AboveIsBad),
        ("db_query_p95", "Query time p95", "Database", "primary", "ms", 18, 100, 500, ThresholdDirection.AboveIsBad),
        ("redis_memory", "Redis memory", "Cache", "redis", "%", 22, 75, 90, ThresholdDirection.AboveIsBad),
        ("queue_depth", "Job queue depth", "Jobs", "hangfire", "jobs", 3, 100, 1000, ThresholdDirection.AboveIsBad),
        ("rps", "Requests per second", "Traffic", "api", "req/s", 412, 2000, 3000, ThresholdDirection.AboveIsBad),
    ];

    public static GaugeBatch Create(DateTimeOffset now, int tick) =>
        new(now, [.. Gauges.Select(g => new GaugeSnapshot
        {
            MetricId = g.Id,
            Name = g.Name,
            Category = g.Category,
            Entity = g.Entity,
            Unit = g.Unit,
            Value = g.Value + (tick % 7) * 0.01,
            Status = g.Dir == ThresholdDirection.AboveIsBad
                ? (g.Value > g.Crit ? HealthStatus.Critical : g.Value > g.Warn ? HealthStatus.Warning : HealthStatus.Ok)
                : (g.Value < g.Crit ? HealthStatus.Critical : g.Value < g.Warn ? HealthStatus.Warning : HealthStatus.Ok),
            SampledAt = now.AddSeconds(-1),
            Since = now.AddMinutes(-42),
            Threshold = new Threshold(g.Warn, g.Crit, g.Dir, g.Unit),
        })]);
}

/// <summary>One batch a second, stamped with PublishedAt just before it is handed to the send path.</summary>
public sealed class BenchPublisher(Func<GaugeBatch, Task> send) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var tick = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await send(Batches.Create(DateTimeOffset.UtcNow, tick++));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Console.Error.WriteLine("publish failed: " + ex.Message);
            }
        }
    }
}

/// <summary>
/// GET /_bench/gc: a full blocking compacting collection, then the managed heap size (bytes); with ?aggressive=1 the
/// collection also returns the GC's free space to the OS, so RSS shows what is held rather than what the GC keeps for reuse.
/// </summary>
public static partial class GcEndpoint
{
    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    public static void Map(IApplicationBuilder app)
    {
        app.Map("/_bench/gc", b => b.Run(async context =>
        {
            var mode = context.Request.Query.ContainsKey("aggressive") ? GCCollectionMode.Aggressive : GCCollectionMode.Forced;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, mode, blocking: true, compacting: true);
            await context.Response.WriteAsync(GC.GetTotalMemory(false).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }));
        app.Map("/_bench/mem", b => b.Run(context => context.Response.WriteAsJsonAsync(MemoryBreakdown.Read())));
        // glibc keeps freed memory in its arenas (one per thread that allocated, up to 8 per core); malloc_trim returns it,
        // so the RSS after it is the native memory still in use.
        app.Map("/_bench/trim", b => b.Run(context => context.Response.WriteAsync(MallocTrim(0).ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}

/// <summary>
/// Where the process's resident memory is, for the circuit bench: the GC's own accounting of the last collection
/// (live, fragmented, committed) beside /proc/self/smaps summed by kind of mapping (kB).
/// </summary>
public static class MemoryBreakdown
{
    public static Dictionary<string, long> Read()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var result = new Dictionary<string, long>
        {
            ["gcHeapKb"] = info.HeapSizeBytes / 1024,
            ["gcFragmentedKb"] = info.FragmentedBytes / 1024,
            ["gcCommittedKb"] = info.TotalCommittedBytes / 1024,
            ["gcPinnedObjects"] = info.PinnedObjectsCount,
            ["gcGen0Kb"] = info.GenerationInfo[0].SizeAfterBytes / 1024,
            ["gcGen1Kb"] = info.GenerationInfo[1].SizeAfterBytes / 1024,
            ["gcGen2Kb"] = info.GenerationInfo[2].SizeAfterBytes / 1024,
            ["gcLohKb"] = info.GenerationInfo[3].SizeAfterBytes / 1024,
            ["gcPohKb"] = info.GenerationInfo[4].SizeAfterBytes / 1024,
            ["gcGen2FragmentedKb"] = info.GenerationInfo[2].FragmentationAfterBytes / 1024,
            ["jitMethods"] = System.Runtime.JitInfo.GetCompiledMethodCount(),
            ["jitIlKb"] = System.Runtime.JitInfo.GetCompiledILBytes() / 1024,
            ["assemblies"] = AppDomain.CurrentDomain.GetAssemblies().Length,
            ["threads"] = System.Diagnostics.Process.GetCurrentProcess().Threads.Count,
        };
        string kind = "other";
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var first = line.Split(' ', 2)[0];
            if (first.Contains('-') && !first.EndsWith(':'))
            {
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                var name = fields.Length > 5 ? fields[5].Trim() : "";
                var perms = fields[1];
                kind = name switch
                {
                    "" => perms.StartsWith("rw") ? "anonRw" : "anonOther",
                    "[heap]" => "mallocHeap",
                    var n when n.StartsWith("[stack") => "stack",
                    var n when n.Contains("doublemapper") => "jitCode",
                    var n when n.StartsWith('/') => "files",
                    _ => "other",
                };
            }
            else if (line.StartsWith("Rss:"))
            {
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
                result[$"rss.{kind}Kb"] = result.GetValueOrDefault($"rss.{kind}Kb") + kb;
            }
        }
        return result;
    }
}

/// <summary>The bare baseline: no auth, no groups, no Blazor, no database; the same payload to every client.</summary>
public sealed class EchoHub : Hub
{
    public string Echo(string message) => message;
}

public static class EchoServer
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Services.AddSignalR();
        builder.Services.AddHostedService(sp =>
        {
            var hub = sp.GetRequiredService<IHubContext<EchoHub>>();
            return new BenchPublisher(batch => hub.Clients.All.SendAsync("Snapshots", batch));
        });
        var app = builder.Build();
        GcEndpoint.Map(app);
        app.MapHub<EchoHub>("/hubs/echo");
        Console.WriteLine($"echo hub on http://127.0.0.1:{port}/hubs/echo");
        await app.RunAsync();
    }
}

/// <summary>
/// The real Dashboard (its Program, every service, auth, Blazor, Hangfire, the real
/// HubGaugePublisher and SaturationHub), on a real Kestrel port, plus the 1/s publisher and
/// the GC endpoint. Settings come from the environment the driver sets (stack file, demo mode).
/// </summary>
public sealed class DashboardServer : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseStaticWebAssets();
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, GcStartupFilter>();
            services.AddSingleton<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(CircuitCounter.Instance);
            services.AddHostedService(sp =>
            {
                var publisher = sp.GetRequiredService<IGaugePublisher>();
                return new BenchPublisher(batch => publisher.PublishAsync(batch, CancellationToken.None));
            });
        });
    }

    public static async Task RunAsync(int port)
    {
        using var server = new DashboardServer();
        server.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        server.StartServer();
        Console.WriteLine($"dashboard on http://127.0.0.1:{port}");
        await Task.Delay(Timeout.Infinite);
    }

    private sealed class GcStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            GcEndpoint.Map(app);
            JitListener.Map(app);
            app.Map("/_bench/circuits", b => b.Run(context => context.Response.WriteAsync(CircuitCounter.Instance.Open.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            _ = JitListener.Instance;
            next(app);
        };
    }
}

/// <summary>
/// Counts the methods the JIT compiles, by namespace and type, from the runtime's own events, so the circuit bench can
/// say what an open page makes the process compile (GET /_bench/jit?reset=1 starts a new count).
/// </summary>
public sealed class JitListener : System.Diagnostics.Tracing.EventListener
{
    public static readonly JitListener Instance = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> counts = new();

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x10); // JIT keyword
        }
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName != "MethodJittingStarted_V1" || e.Payload is null)
        {
            return;
        }
        var ns = e.PayloadNames!.IndexOf("MethodNamespace") is var i and >= 0 ? e.Payload[i]?.ToString() ?? "" : "";
        var name = e.PayloadNames.IndexOf("MethodName") is var j and >= 0 ? e.Payload[j]?.ToString() ?? "" : "";
        counts.AddOrUpdate($"{ns}::{name}", 1, (_, n) => n + 1);
    }

    public static void Map(IApplicationBuilder app) =>
        app.Map("/_bench/jit", b => b.Run(context =>
        {
            var top = Instance.counts.OrderByDescending(kv => kv.Value).Take(80).ToDictionary(kv => kv.Key, kv => kv.Value);
            if (context.Request.Query.ContainsKey("reset"))
            {
                Instance.counts.Clear();
            }
            return context.Response.WriteAsJsonAsync(new { total = Instance.counts.Values.Sum(), top });
        }));
}

/// <summary>Counts the open Blazor circuits, so the circuit bench can wait for closed pages' circuits to be gone.</summary>
public sealed class CircuitCounter : Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler
{
    public static readonly CircuitCounter Instance = new();
    private int open;

    public int Open => Volatile.Read(ref open);

    public override Task OnCircuitOpenedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref open);
        return Task.CompletedTask;
    }
}
