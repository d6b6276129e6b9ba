using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace HubBench;

/// <summary>
/// The hub step with <see cref="LightClient"/>s (the default; <c>--client hubconnection</c> keeps
/// the HubConnection step): connect N clients, measure memory per connection after forced GCs,
/// then record every batch published in a window of <c>--seconds</c>, and count per client what
/// arrived against what its group got.
/// </summary>
public static partial class Entry
{
    private static async Task LightHubRunAsync(string kind, int clientCount, int seconds, int parallel, string settings, string outDir)
    {
        Log($"--- {kind}: starting the server (light clients)");
        await using var child = await StartChildAsync(kind, settings, outDir);
        var (tokens, path) = await HubTargetAsync(kind, child);
        var wsBase = new UriBuilder(child.Base) { Scheme = "ws" }.Uri;
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        });

        var live = new System.Collections.Concurrent.ConcurrentQueue<LightClient>();
        Task<List<LightClient>> ConnectAsync(LightRecorder recorder, int count) => ConnectAllAsync(count, parallel, async i =>
        {
            var (role, token) = tokens[i % tokens.Length];
            var group = kind == "echo" ? "all" : role == "designer" ? "designer" : "full";
            var client = new LightClient(i, group, recorder);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await client.ConnectAsync(HubUrl(wsBase, path, token), invoker, timeout.Token);
            live.Enqueue(client);
            return client;
        });

        // Warm-up: JIT the connect and send paths, then drop those connections.
        var warm = await ConnectAsync(new LightRecorder(), 50);
        await Task.Delay(3000);
        warm.ForEach(c => c.Dispose());
        await Task.Delay(3000);

        var (heap0, rss0) = await child.SettleAsync();
        Log($"{kind}: baseline after GC: RSS {rss0:N0} kB, managed heap {heap0 / 1024:N0} kB");
        var recorder = new LightRecorder();
        live.Clear();
        using var stop = new CancellationTokenSource();
        // Pings start with the first connection: connecting 10,000 may take longer than the server's 30 s client timeout.
        var pinging = LightClients.PingAllAsync(live, stop.Token);
        var connectWatch = Stopwatch.StartNew();
        var connections = await ConnectAsync(recorder, clientCount);
        var connectSeconds = connectWatch.Elapsed.TotalSeconds;
        Log($"{kind}: {connections.Count} connections open in {connectSeconds:F1} s");
        await Task.Delay(5000);
        var rssOpen = child.RssKb();
        var (heap1, rss1) = await child.SettleAsync();
        Log($"{kind}: with {connections.Count} clients: RSS {rssOpen:N0} kB before GC, {rss1:N0} kB after GC, managed heap {heap1 / 1024:N0} kB");

        var me = Process.GetCurrentProcess();
        var clientCpu0 = me.TotalProcessorTime;
        var cpu0 = child.CpuTicks();
        var wall = Stopwatch.StartNew();
        var from = DateTimeOffset.UtcNow;
        recorder.Open(from, from.AddSeconds(seconds));
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var cpu1 = child.CpuTicks();
        var elapsed = wall.Elapsed.TotalSeconds;
        me.Refresh();
        var clientCpu = (me.TotalProcessorTime - clientCpu0).TotalSeconds;
        // Batches published near the end of the window may still be on their way: wait until nothing
        // more arrives for 3 s (at most 60 s), so slow delivery is measured as latency, not loss.
        var settled = Stopwatch.StartNew();
        for (var (last, quiet) = (-1L, 0); quiet < 3 && settled.Elapsed < TimeSpan.FromSeconds(60); )
        {
            await Task.Delay(1000);
            var now = connections.Sum(c => (long)c.Received);
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        await stop.CancelAsync();
        await pinging;
        var rssEnd = child.RssKb();
        var load = File.ReadAllText("/proc/loadavg").Trim();

        var batchesByGroup = recorder.BatchesByGroup();
        var expected = connections.Sum(c => (long)batchesByGroup.GetValueOrDefault(c.Group));
        var received = connections.Sum(c => (long)c.Received);
        var short_ = connections.Where(c => c.Received < batchesByGroup.GetValueOrDefault(c.Group)).ToArray();
        var sorted = connections.SelectMany(c => c.LatenciesMs).ToArray();
        Array.Sort(sorted);
        double Pct(double p) => Percentile(sorted, p);
        var result = new
        {
            kind,
            client = "light (ClientWebSocket + SignalR JSON protocol, no negotiation)",
            connections = connections.Count,
            requested = clientCount,
            connectSeconds = Math.Round(connectSeconds, 1),
            connectParallel = parallel,
            seconds = Math.Round(elapsed, 1),
            batchesByGroup,
            messagesExpected = expected,
            messagesReceived = received,
            clientsMissingBatches = short_.Length,
            closedDuringRun = recorder.ClosedCount,
            closures = recorder.Closures.ToArray(),
            malformed = recorder.MalformedCount,
            p50Ms = Math.Round(Pct(50), 1),
            p99Ms = Math.Round(Pct(99), 1),
            maxMs = sorted.Length == 0 ? double.NaN : Math.Round(sorted[^1], 1),
            rssBaselineKb = rss0,
            rssOpenKb = rss1,
            rssOpenBeforeGcKb = rssOpen,
            rssEndKb = rssEnd,
            heapBaselineKb = heap0 / 1024,
            heapOpenKb = heap1 / 1024,
            rssPerConnectionKb = Math.Round((rss1 - rss0) / (double)connections.Count, 1),
            heapPerConnectionKb = Math.Round((heap1 - heap0) / 1024.0 / connections.Count, 1),
            serverCpuPctOfOneCore = Math.Round((cpu1 - cpu0) / 100.0 / elapsed * 100, 1),
            clientCpuPctOfOneCore = Math.Round(clientCpu / elapsed * 100, 1),
            loadAvgAfter = load,
        };
        var json = JsonSerializer.Serialize(result, Indented);
        Log($"{kind} RESULT:\n{json}");
        await File.WriteAllTextAsync(Path.Combine(outDir, $"hub-light-{kind}-{DateTime.UtcNow:yyyyMMddTHHmmss}.json"), json);
        connections.ForEach(c => c.Dispose());
    }

    /// <summary>The demo users' tokens (round-robin by role) and the hub path of a server kind; the echo hub takes no token.</summary>
    private static async Task<((string Role, string Token)[] Tokens, string Path)> HubTargetAsync(string kind, Child child) =>
        kind == "dashboard"
            ? ([.. JsonSerializer.Deserialize<List<DemoCredential>>(await File.ReadAllTextAsync(child.CredentialsPath!), Web)!.Select(c => (c.Role, c.Token))], "hubs/saturation")
            : ([("none", "")], "hubs/echo");

    private static Uri HubUrl(Uri serverBase, string path, string token) =>
        new(serverBase, path + (token.Length > 0 ? "?access_token=" + Uri.EscapeDataString(token) : ""));

    /// <summary>connect(i) for every i below count, at most <paramref name="parallel"/> at once; the first failures are logged, the successes returned.</summary>
    private static async Task<List<T>> ConnectAllAsync<T>(int count, int parallel, Func<int, Task<T>> connect)
        where T : class
    {
        var connected = new T?[count];
        using var gate = new SemaphoreSlim(parallel);
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                connected[i] = await connect(i);
            }
            catch (Exception ex)
            {
                if (Interlocked.Increment(ref failures) <= 3)
                {
                    Log($"connect failed: {ex.GetType().Name}: {ex.Message}");
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        if (failures > 0)
        {
            Log($"{failures} of {count} connections failed");
        }
        return [.. connected.OfType<T>()];
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
}

public static class LightClients
{
    /// <summary>
    /// A SignalR ping from every client every 10 s, spread over the interval (the server drops a
    /// client it has not heard from for 30 s).
    /// </summary>
    public static async Task PingAllAsync(IEnumerable<LightClient> live, CancellationToken cancellationToken)
    {
        const int Chunk = 250;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var clients = live.ToArray();
                var pause = TimeSpan.FromMilliseconds(Math.Max(10, 8000.0 / Math.Max(1, clients.Length / Chunk)));
                var cycle = Stopwatch.StartNew();
                for (var i = 0; i < clients.Length; i += Chunk)
                {
                    await Task.WhenAll(clients.Skip(i).Take(Chunk).Select(c => c.PingAsync()));
                    await Task.Delay(pause, cancellationToken);
                }
                var rest = TimeSpan.FromSeconds(10) - cycle.Elapsed;
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
