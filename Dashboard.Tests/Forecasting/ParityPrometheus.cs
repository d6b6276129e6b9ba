using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dashboard.Domain.Forecasting;
using Dashboard.Jobs.Sources.Prometheus;

namespace Dashboard.Tests.Forecasting;

/// <summary>
/// Debian's Prometheus 2.42 (installed by scripts/stack.sh) as a child process on a loopback port, holding
/// <see cref="ParityData.Series"/>: written as OpenMetrics, turned into TSDB blocks by <c>promtool tsdb
/// create-blocks-from openmetrics</c>, served with no scrape jobs. Everything lives in one temp folder, removed
/// on dispose.
/// </summary>
public sealed class ParityPrometheus : IAsyncLifetime
{
    private const string PrometheusPath = "/usr/bin/prometheus";
    private const string PromtoolPath = "/usr/bin/promtool";
    private const string ExpectedVersion = "2.42.";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"dashboard-parity-{Guid.NewGuid():N}");
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private Process? process;
    private readonly Lock logLock = new();
    private StreamWriter? log;
    private Uri? baseAddress;

    public async Task InitializeAsync()
    {
        foreach (var binary in new[] { PrometheusPath, PromtoolPath })
        {
            if (!File.Exists(binary))
            {
                throw new InvalidOperationException(
                    $"{binary} is missing: the predict_linear/deriv parity test needs Debian's Prometheus 2.42. Run scripts/stack.sh to install it.");
            }
        }

        Directory.CreateDirectory(folder);
        try
        {
            await StartAsync();
            var version = await BuildVersionAsync();
            if (!version.StartsWith(ExpectedVersion, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"{PrometheusPath} is version {version}; LinearTrend copies 2.42's arithmetic and range selection. Run scripts/stack.sh to install Debian's 2.42.");
            }
        }
        catch (Exception ex)
        {
            // Clean up here: the runner may not dispose a fixture whose start failed.
            await StopAsync();
            var logPath = Path.Combine(folder, "prometheus.log");
            var tail = File.Exists(logPath) ? string.Join('\n', File.ReadLines(logPath).TakeLast(20)) : "(no log)";
            await DisposeAsync();
            throw new InvalidOperationException($"The parity Prometheus could not be set up: {ex.Message}\nIts log ends:\n{tail}", ex);
        }
    }

    /// <summary>Evaluates <paramref name="promql"/> as an instant query at <paramref name="evaluationUnixMilliseconds"/>.</summary>
    public async Task<PrometheusQueryResult> QueryAsync(string promql, long evaluationUnixMilliseconds)
    {
        var url = new Uri(baseAddress!,
            $"/api/v1/query?query={Uri.EscapeDataString(promql)}&time={FormatSeconds(evaluationUnixMilliseconds)}");
        using var response = await Http.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        return PrometheusResponseParser.Parse(body, url.ToString());
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task StopAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
            process = null;
        }
        lock (logLock)
        {
            log?.Dispose();
            log = null;
        }
    }

    private async Task StartAsync()
    {
        var openMetrics = Path.Combine(folder, "samples.om.txt");
        var data = Path.Combine(folder, "data");
        await File.WriteAllTextAsync(openMetrics, OpenMetrics(ParityData.Metric, ParityData.Series));
        await RunToEndAsync(PromtoolPath, ["tsdb", "create-blocks-from", "openmetrics", openMetrics, data]);

        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  evaluation_interval: 1h\nscrape_configs: []\n");
        var port = FreePort();
        baseAddress = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo(PrometheusPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[]
        {
            $"--config.file={config}",
            $"--storage.tsdb.path={data}",
            // The samples are from 2023; the default 15 days would delete the blocks on load.
            "--storage.tsdb.retention.time=100y",
            $"--web.listen-address=127.0.0.1:{port}",
        })
        {
            info.ArgumentList.Add(argument);
        }
        process = Process.Start(info)!;
        log = File.CreateText(Path.Combine(folder, "prometheus.log"));
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var ready = await Http.GetAsync(new Uri(baseAddress, "/-/ready"));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"Prometheus on port {port} was not ready within 60 s (exited: {process.HasExited}).");
    }

    private void Append(string? line)
    {
        lock (logLock)
        {
            log?.WriteLine(line);
            log?.Flush();
        }
    }

    private async Task<string> BuildVersionAsync()
    {
        using var response = await Http.GetAsync(new Uri(baseAddress!, "/api/v1/status/buildinfo"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return json.RootElement.GetProperty("data").GetProperty("version").GetString() ?? "(none)";
    }

    private static async Task RunToEndAsync(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var run = Process.Start(info)!;
        var output = run.StandardOutput.ReadToEndAsync();
        var errors = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', info.ArgumentList)} exited with {run.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    /// <summary>The series as one OpenMetrics gauge family. Values use the round-trip format, so Prometheus stores
    /// exactly the doubles the test holds; times are seconds with three decimals.</summary>
    private static string OpenMetrics(string metric, IEnumerable<ParitySeries> series)
    {
        var text = new StringBuilder().Append("# TYPE ").Append(metric).Append(" gauge\n");
        foreach (var s in series)
        {
            foreach (var sample in s.Samples)
            {
                text.Append(metric).Append("{series=\"").Append(s.Name).Append("\"} ")
                    .Append(FormatValue(sample)).Append(' ').Append(FormatSeconds(sample.UnixMilliseconds)).Append('\n');
            }
        }
        return text.Append("# EOF\n").ToString();
    }

    private static string FormatValue(TimedValue sample) => sample.Value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        var v when double.IsNaN(v) => "NaN",
        var v => v.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string FormatSeconds(long unixMilliseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{unixMilliseconds / 1000}.{unixMilliseconds % 1000:D3}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
