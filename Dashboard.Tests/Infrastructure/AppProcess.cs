using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The real Dashboard binary as a separate process (its own Hangfire, SignalR and DI), for
/// tests about several instances: a worker and a web host talking through Redis.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string logPath;

    private AppProcess(Process process, Uri baseAddress, string logPath)
    {
        this.process = process;
        BaseAddress = baseAddress;
        this.logPath = logPath;
    }

    public Uri BaseAddress { get; }

    public static async Task<AppProcess> StartAsync(IDictionary<string, string> settings)
    {
        var port = FreePort();
        var logPath = Path.Combine(Path.GetTempPath(), $"dashboard-process-{port}.log");
        var process = Process.Start(StartInfo(settings, port))!;
        var log = File.CreateText(logPath);
        process.OutputDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"), logPath);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                break;
            }
            try
            {
                if ((await http.GetAsync(new Uri(app.BaseAddress, "/health/live"))).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
                // A slow first answer on a loaded machine: keep polling until the deadline.
            }
            await Task.Delay(250);
        }
        await app.DisposeAsync();
        throw new InvalidOperationException($"The Dashboard process on port {port} did not start; its log: {logPath}");
    }

    /// <summary>
    /// Runs the binary with these settings until it exits by itself (a start that is meant to fail), at most
    /// <paramref name="timeout"/>: its exit code and everything it wrote.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IDictionary<string, string> settings, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(settings, FreePort()))!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"The Dashboard process did not exit within {timeout}; it wrote:\n{output}");
        }
        process.WaitForExit(); // drains the redirected output
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static ProcessStartInfo StartInfo(IDictionary<string, string> settings, int port)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Dashboard.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["DASHBOARD_STACK_SETTINGS"] = TestStack.Current.SettingsPath;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Test";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return info;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
