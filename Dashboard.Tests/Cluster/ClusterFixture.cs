using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;
using Npgsql;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// The cluster profile, started once for the test class by scripts/cluster.sh itself: nginx (Debian's,
/// with compose/nginx.conf) in front of web1/web2 and worker1/worker2, real processes of this build's
/// Dashboard.dll, on the test stack's primary, replica and Redis (a fresh database), free ports.
/// </summary>
public sealed partial class ClusterFixture : IAsyncLifetime
{
    public static readonly string[] Webs = ["web1", "web2"];
    public static readonly string[] Workers = ["worker1", "worker2"];

    private readonly Dictionary<string, int> ports = [];

    public string StateDir { get; } = Path.Combine(TestStack.Current.StateDir, "cluster");
    public string Database { get; private set; } = "";
    public Uri Proxy => Address("proxy");
    public IReadOnlyList<Credential> Credentials { get; private set; } = [];

    public Uri Address(string name) => new($"http://127.0.0.1:{ports[name]}");

    public string Token(string role) => Credentials.First(c => c.Role == role).Token;

    public Credential User(string role) => Credentials.First(c => c.Role == role);

    public string PrimaryConnectionString => TestStack.WithDatabase(TestStack.Current.PrimaryConnectionString, Database);

    public async Task InitializeAsync()
    {
        foreach (var name in (string[])["proxy", .. Webs, .. Workers])
        {
            ports[name] = FreePort();
        }
        Database = await TestDatabase.CreateAsync();
        // Leftovers of an aborted run (its pid files) are stopped first.
        await RunAsync("down");
        await RunAsync("up");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(StateDir, "demo-credentials.json")));
        Credentials = [.. doc.RootElement.EnumerateArray().Select(c => new Credential(
            c.GetProperty("role").GetString()!, c.GetProperty("email").GetString()!, c.GetProperty("password").GetString()!, c.GetProperty("token").GetString()!))];
    }

    public async Task DisposeAsync() => await RunAsync("down");

    /// <summary>scripts/cluster.sh VERB [process] on this fixture's state, ports and database; fails with its output.</summary>
    public async Task RunAsync(string verb, string? process = null)
    {
        var info = new ProcessStartInfo(Path.Combine(RepoPaths.Root, "scripts", "cluster.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(verb);
        if (process is not null)
        {
            info.ArgumentList.Add(process);
        }
        foreach (var arg in (string[])["--app-dir", AppContext.BaseDirectory, "--stack-settings", TestStack.Current.SettingsPath,
                                       "--database", Database, "--state", StateDir])
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DASHBOARD_PROXY_PORT"] = ports["proxy"].ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var name in (string[])[.. Webs, .. Workers])
        {
            info.Environment[$"DASHBOARD_{name.ToUpperInvariant()}_PORT"] = ports[name].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        // The test build is not published output: Development serves its static web assets (blazor.web.js,
        // MudBlazor) from the build's manifest, so pages become interactive.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // A job of a killed worker is run by another one after this long (default one minute).
        info.Environment["Dashboard__JobInvisibilityTimeout"] = "00:00:15";
        using var script = Process.Start(info)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/cluster.sh {verb} {process} exited with {script.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    public int PidOf(string process) => int.Parse(File.ReadAllText(Path.Combine(StateDir, process + ".pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Waits until nginx's access log says it last sent this affinity key to one of <paramref name="expected"/>
    /// (any process when none is given) and returns that process. nginx writes the line after the response
    /// has gone out, so a client can be ahead of the log.
    /// </summary>
    public async Task<string> UpstreamOfAsync(string affinity, params string[] expected) =>
        (await Eventually.WaitForAsync(() => Task.FromResult(UpstreamOf(affinity)), u => u is not null && (expected.Length == 0 || expected.Contains(u)),
            TimeSpan.FromSeconds(10), $"nginx to log a request of affinity {affinity} sent to {(expected.Length == 0 ? "any process" : string.Join(" or ", expected))}"))!;

    private string? UpstreamOf(string affinity)
    {
        string? last = null;
        foreach (var line in File.ReadLines(Path.Combine(StateDir, "logs", "nginx-access.log")))
        {
            if (line.Contains($" affinity={affinity} ", StringComparison.Ordinal) && UpstreamField().Match(line) is { Success: true } m)
            {
                last = m.Groups["port"].Value;
            }
        }
        return last is null ? null : ports.First(p => p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) == last).Key;
    }

    public async Task<NpgsqlConnection> OpenPrimaryAsync()
    {
        var connection = new NpgsqlConnection(PrimaryConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    // The last address nginx tried is the one that answered ("a:1, b:2" after a failed first try).
    [GeneratedRegex(@"upstream=(?:[^ ]*, )?127\.0\.0\.1:(?<port>\d+) ")]
    private static partial Regex UpstreamField();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public sealed record Credential(string Role, string Email, string Password, string Token);
}
