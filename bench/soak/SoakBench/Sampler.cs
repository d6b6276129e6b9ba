using System.Globalization;
using Npgsql;

namespace SoakBench;

/// <summary>
/// Once a minute: RSS, open file descriptors and threads of every cluster process (from /proc), and
/// its PostgreSQL connections (pg_stat_activity by application_name, which scripts/cluster.sh sets
/// to dashboard-cluster-NAME), one CSV row per process.
/// </summary>
public sealed class Sampler(string stateDir, string primaryConnectionString, string replicaConnectionString, string csvPath)
{
    public static readonly string[] Apps = ["web1", "web2", "worker1", "worker2"];

    public async Task SampleAsync(DateTimeOffset started, CancellationToken cancellationToken)
    {
        var primary = await ConnectionsAsync(primaryConnectionString, cancellationToken);
        var replica = await ConnectionsAsync(replicaConnectionString, cancellationToken);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var now = DateTimeOffset.UtcNow;
        var minutes = (now - started).TotalMinutes.ToString("F2", CultureInfo.InvariantCulture);
        var lines = new List<string>();
        foreach (var (name, pid) in Processes())
        {
            var (rssKb, threads) = Status(pid);
            var fds = Directory.Exists($"/proc/{pid}/fd") ? Directory.GetFiles($"/proc/{pid}/fd").Length : -1;
            var app = "dashboard-cluster-" + name;
            lines.Add(string.Join(',', now.ToString("O"), minutes, name, pid, (rssKb / 1024.0).ToString("F1", CultureInfo.InvariantCulture), fds, threads,
                primary.GetValueOrDefault(app), replica.GetValueOrDefault(app), load));
        }
        if (!File.Exists(csvPath))
        {
            await File.WriteAllTextAsync(csvPath, "utc,minute,process,pid,rss_mb,fds,threads,db_primary,db_replica,load1\n", cancellationToken);
        }
        await File.AppendAllLinesAsync(csvPath, lines, cancellationToken);
    }

    private IEnumerable<(string Name, int Pid)> Processes()
    {
        foreach (var app in Apps)
        {
            if (Pid(Path.Combine(stateDir, app + ".pid")) is { } pid)
            {
                yield return (app, pid);
            }
        }
        if (Pid(Path.Combine(stateDir, "nginx", "nginx.pid")) is { } master)
        {
            yield return ("nginx-master", master);
            var worker = 0;
            foreach (var dir in Directory.GetDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), out var child) && ParentOf(child) == master)
                {
                    yield return ($"nginx-worker{++worker}", child);
                }
            }
        }
    }

    private static int? Pid(string file) =>
        File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid) && Directory.Exists($"/proc/{pid}") ? pid : null;

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static (long RssKb, int Threads) Status(int pid)
    {
        long rss = -1;
        var threads = -1;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                var parts = line.Split(' ', '\t').Where(p => p.Length > 0).ToArray();
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = long.Parse(parts[1], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(parts[1], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        return (rss, threads);
    }

    private static async Task<Dictionary<string, int>> ConnectionsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT application_name, count(*)::int FROM pg_stat_activity WHERE application_name LIKE 'dashboard-cluster-%' GROUP BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<string, int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = reader.GetInt32(1);
        }
        return result;
    }
}
