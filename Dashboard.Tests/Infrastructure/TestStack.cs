using System.Text.Json;
using Npgsql;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The real services scripts/test.sh started (test profile: its own ports and folder), read
/// from the settings file the stack script wrote. Missing settings fail loudly: these tests
/// never silently skip.
/// </summary>
public sealed class TestStack
{
    private static readonly Lazy<TestStack> Instance = new(Load);

    public static TestStack Current => Instance.Value;

    public required string SettingsPath { get; init; }
    public required string PrimaryConnectionString { get; init; }
    public required string ReplicaConnectionString { get; init; }
    public required string RedisConnectionString { get; init; }
    public required string PrometheusUrl { get; init; }
    public required string AlertmanagerUrl { get; init; }

    /// <summary>The stack's local OpenID provider (scripts/oidc), which the app's Auth:Oidc points at.</summary>
    public required string OidcAuthority { get; init; }
    public required string MetricsScrapeToken { get; init; }
    public required string StateDir { get; init; }
    public required string RepoRoot { get; init; }
    public required int PrimaryPort { get; init; }
    public required int ReplicaPort { get; init; }
    public required int NodeExporterPort { get; init; }
    public required int PostgresExporterPort { get; init; }

    /// <summary>The app port the test Prometheus scrapes (/metrics and /demo/metrics); the test app listens on it.</summary>
    public required int AppPort { get; init; }

    public string StackScript => Path.Combine(RepoRoot, "scripts", "stack.sh");

    /// <summary>The same server, another database: each test run gets a fresh one.</summary>
    public static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private static TestStack Load()
    {
        var repo = RepoPaths.Root;
        var path = Environment.GetEnvironmentVariable("DASHBOARD_STACK_SETTINGS");
        if (string.IsNullOrWhiteSpace(path))
        {
            path = Path.Combine(repo, ".state", "test", "appsettings.stack.json");
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The test stack's settings file '{path}' does not exist. Run the suite with scripts/test.sh (it starts the real services).");
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        string Get(params string[] keys)
        {
            var e = root;
            foreach (var k in keys)
            {
                e = e.GetProperty(k);
            }
            return e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
        }
        return new TestStack
        {
            SettingsPath = path,
            PrimaryConnectionString = Get("ConnectionStrings", "Primary"),
            ReplicaConnectionString = Get("ConnectionStrings", "Replica"),
            RedisConnectionString = Get("ConnectionStrings", "Redis"),
            PrometheusUrl = Get("Prometheus", "Url"),
            AlertmanagerUrl = Get("Alertmanager", "Url"),
            OidcAuthority = Get("Auth", "Oidc", "Authority"),
            MetricsScrapeToken = Get("Observability", "MetricsScrapeToken"),
            StateDir = Get("Stack", "StateDir"),
            RepoRoot = repo,
            AppPort = int.Parse(Get("Stack", "AppPort"), System.Globalization.CultureInfo.InvariantCulture),
            PrimaryPort = int.Parse(Get("Stack", "PrimaryPort"), System.Globalization.CultureInfo.InvariantCulture),
            ReplicaPort = int.Parse(Get("Stack", "ReplicaPort"), System.Globalization.CultureInfo.InvariantCulture),
            NodeExporterPort = int.Parse(Get("Stack", "NodeExporterPort"), System.Globalization.CultureInfo.InvariantCulture),
            PostgresExporterPort = int.Parse(Get("Stack", "PostgresExporterPort"), System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
