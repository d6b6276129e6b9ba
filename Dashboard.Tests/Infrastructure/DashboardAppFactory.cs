using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port, against the real test stack (fresh database per run),
/// in demo mode so each role has a user and an API token.
/// </summary>
public sealed class DashboardAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string credentialsPath = Path.Combine(Path.GetTempPath(), $"dashboard-test-creds-{Guid.NewGuid():N}.json");
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly OverrideConfigurationSource overrides = new();
    private string database = "";

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// The app reaches the primary through this forwarder (pass-through unless a test cuts it), so a primary outage
    /// can be tested against the real database without stopping the server other test classes use.
    /// </summary>
    public TcpFaultProxy PrimaryLink { get; } = new(IPAddress.Loopback, TestStack.Current.PrimaryPort);

    public IReadOnlyList<DemoCredential> Credentials { get; private set; } = [];

    public sealed record DemoCredential(string Role, string Email, string Password, string Token);

    public DemoCredential For(string role) => Credentials.Single(c => c.Role == role);

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        // The stack's app port, so the test Prometheus scrapes this app like a real deployment.
        PortCheck.EnsureFree(TestStack.Current.AppPort, "DASHBOARD_APP_PORT");
        UseKestrel(o => o.Listen(IPAddress.Loopback, TestStack.Current.AppPort));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
        Credentials = JsonSerializer.Deserialize<List<DemoCredential>>(
            await File.ReadAllTextAsync(credentialsPath), JsonOptions)!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var stack = TestStack.Current;
        // The app decides some topology (Redis on or off) while it builds, from the stack file.
        Environment.SetEnvironmentVariable("DASHBOARD_STACK_SETTINGS", stack.SettingsPath);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Primary"] = ThroughLink(TestStack.WithDatabase(stack.PrimaryConnectionString, database)),
            ["ConnectionStrings:Replica"] = ThroughLink(TestStack.WithDatabase(stack.ReplicaConnectionString, database)),
            ["ConnectionStrings:Redis"] = stack.RedisConnectionString,
            ["Observability:MetricsScrapeToken"] = stack.MetricsScrapeToken,
            ["Dashboard:DemoMode"] = "true",
            ["Dashboard:DemoCredentialsPath"] = credentialsPath,
            ["Dashboard:EnvironmentLabel"] = "test",
            ["Auth:SignInPermitsPerMinute"] = "1000",
            // Tests sign in and run reports often; the tests of these limits lower them (OverrideSetting).
            ["Auth:SignInFailuresPerAccount"] = "1000",
            ["RateLimits:JobRequestsPerMinute"] = "1000",
            ["RateLimits:QueryRequestsPerMinute"] = "1000",
        };
        // Prometheus:Url and Alertmanager:Url come from the stack file, below the Settings layer, so
        // tests can change them on the Settings page; these settings sit above it (like environment variables).
        builder.UseEnvironment("Test");
        // Outside Development, static web assets (MudBlazor, blazor.web.js) come from a publish folder; the test host serves them from the build.
        builder.UseStaticWebAssets();
        builder.ConfigureAppConfiguration(c =>
        {
            c.AddInMemoryCollection(settings);
            c.Add(overrides);
        });
    }

    /// <summary>The primary (alone, or as the replica string's fallback host) reached through <see cref="PrimaryLink"/>.</summary>
    private string ThroughLink(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var primary = TestStack.Current.PrimaryPort;
        if (builder.Host!.Contains(',', StringComparison.Ordinal))
        {
            builder.Host = builder.Host.Replace($":{primary}", $":{PrimaryLink.Port}", StringComparison.Ordinal);
        }
        else if (builder.Port == primary)
        {
            builder.Port = PrimaryLink.Port;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// Changes one setting of the running app (configuration reload, as an operator's edit
    /// would) until the returned handle is disposed.
    /// </summary>
    public IDisposable OverrideSetting(string key, string value)
    {
        overrides.Provider.Apply(key, value);
        return new Restore(() => overrides.Provider.Apply(key, null));
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    /// <summary>A client with no cookies and no redirects followed, so tests see 302/401/403 as they are.</summary>
    public HttpClient CreateRawClient(string? bearerToken = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await PrimaryLink.DisposeAsync();
        File.Delete(credentialsPath);
    }
}
