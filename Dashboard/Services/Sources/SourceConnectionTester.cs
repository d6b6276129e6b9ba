using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Domain.Security;
using Dashboard.Jobs.Sources;
using Dashboard.Jobs.Sources.Exposition;
using Npgsql;
using static Dashboard.Services.Sources.SourceSettingKeys;

namespace Dashboard.Services.Sources;

/// <summary>
/// "Test connection": tries a source with the form's values (nothing is saved) and says what was found (versions,
/// targets up, extensions) or that it failed. Values that are invalid, or a host outside the allow-list
/// (<see cref="SourceTestTargets"/>), are refused before anything is tried (400 naming the field). One attempt, no
/// retries, no redirects followed, bodies read up to a limit. What the client sees of a failure is one generic
/// sentence (refused, timeout, DNS and "not this API" read the same) plus a credentials hint on 401/403; the
/// details go to the server log (docs/decisions/026-input-limits-and-source-secrets.md).
/// </summary>
internal sealed partial class SourceConnectionTester(
    IHttpClientFactory clients, SourceSettingsService settings, SourceTestTargets targets, ILogger<SourceConnectionTester> log)
{
    public const string HttpClientName = "source-test";

    /// <summary>The longest a test waits, whatever the form's timeout says.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>The longest answer a test reads (a Prometheus with thousands of targets fits).</summary>
    public const long MaxBodyBytes = 8L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The API's entry: the values are the matching input record of <paramref name="request"/>'s kind.</summary>
    public Task<SourceTestResult> TestAsync(SourceTestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Values.ValueKind != JsonValueKind.Object)
        {
            return Task.FromResult(Invalid("values", "values is required: a JSON object with the source's fields as the form sends them (e.g. {\"url\": \"http://prometheus:9090\"})."));
        }
        try
        {
            return request.Kind switch
            {
                SourceKind.Prometheus => TestAsync(Read<PrometheusSourceInput>(request.Values), cancellationToken),
                SourceKind.Alertmanager => TestAsync(Read<AlertmanagerSourceInput>(request.Values), cancellationToken),
                SourceKind.ScrapeTarget => TestAsync(Read<ScrapeTargetInput>(request.Values), cancellationToken),
                SourceKind.Postgres => TestAsync(Read<PostgresTargetInput>(request.Values), cancellationToken),
                _ => Task.FromResult(Invalid("kind", $"kind must be one of {string.Join(", ", Enum.GetNames<SourceKind>())}.")),
            };
        }
        catch (JsonException ex)
        {
            return Task.FromResult(Invalid("values", $"values is not a {request.Kind} source: {ex.Message}"));
        }
    }

    public async Task<SourceTestResult> TestAsync(PrometheusSourceInput input, CancellationToken cancellationToken)
    {
        var errors = Mine(settings.Validate(new SourceSettingsInput { Prometheus = input }), "Prometheus:");
        var options = settings.Resolve(input);
        if (errors.Count == 0)
        {
            CheckTarget(errors, PrometheusUrl, options.Url, "Prometheus");
        }
        if (errors.Count > 0)
        {
            return SourceTestResult.Invalid(Done(errors));
        }
        var auth = options switch
        {
            { BearerToken.Length: > 0 } => new AuthenticationHeaderValue("Bearer", options.BearerToken),
            { BasicAuthUser.Length: > 0 } => new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.BasicAuthUser}:{options.BasicAuthPassword}"))),
            _ => null,
        };
        var credential = options.BearerToken.Length > 0 ? "the bearer token"
            : options.BasicAuthUser.Length > 0 ? "the basic-auth user and password" : null;
        var http = new Probe(this, "Prometheus", "a Prometheus API", options.Url, options.Timeout, auth, credential);

        var build = await http.GetJsonAsync("api/v1/status/buildinfo", cancellationToken);
        if (build.Failure is { } f1)
        {
            return f1;
        }
        var active = await http.GetJsonAsync("api/v1/targets?state=active", cancellationToken);
        if (active.Failure is { } f2)
        {
            return f2;
        }
        return http.Read(() => Found(build.Root, active.Root, http.Shown));
    }

    private static SourceTestResult Found(JsonElement build, JsonElement targets, string shown)
    {
        var version = Version(build.GetProperty("data").GetProperty("version").GetString());
        var active = targets.GetProperty("data").GetProperty("activeTargets").EnumerateArray().ToList();
        var up = active.Count(t => t.GetProperty("health").GetString() == "up");
        // Labels and health words only: a target's error text is the answer's own prose, not echoed.
        var details = active.Where(t => t.GetProperty("health").GetString() != "up")
            .Take(20)
            .Select(t => $"{Label(t, "job")} {Label(t, "instance")}: {Word(t.GetProperty("health").GetString())}")
            .ToList();
        return new SourceTestResult(active.Count == 0 ? SourceTestOutcome.Warning : SourceTestOutcome.Ok,
            $"Prometheus {version} at {shown}: {up} of {active.Count} targets up.", details);
    }

    public async Task<SourceTestResult> TestAsync(AlertmanagerSourceInput input, CancellationToken cancellationToken)
    {
        var errors = Mine(settings.Validate(new SourceSettingsInput { Alertmanager = input }), "Alertmanager:");
        var options = settings.Resolve(input);
        if (errors.Count == 0)
        {
            CheckTarget(errors, AlertmanagerUrl, options.Url, "Alertmanager");
        }
        if (errors.Count > 0)
        {
            return SourceTestResult.Invalid(Done(errors));
        }
        var auth = options.BearerToken.Length > 0 ? new AuthenticationHeaderValue("Bearer", options.BearerToken) : null;
        var http = new Probe(this, "Alertmanager", "an Alertmanager API (v2)", options.Url, options.Timeout, auth, auth is null ? null : "the bearer token");
        var status = await http.GetJsonAsync("api/v2/status", cancellationToken);
        if (status.Failure is { } f1)
        {
            return f1;
        }
        var alerts = await http.GetJsonAsync("api/v2/alerts?active=true&silenced=false&inhibited=false", cancellationToken);
        if (alerts.Failure is { } f2)
        {
            return f2;
        }
        return http.Read(() =>
        {
            var version = Version(status.Root.GetProperty("versionInfo").GetProperty("version").GetString());
            var cluster = status.Root.GetProperty("cluster");
            var peers = cluster.TryGetProperty("peers", out var p) && p.ValueKind == JsonValueKind.Array ? p.GetArrayLength() : 0;
            return new SourceTestResult(SourceTestOutcome.Ok,
                $"Alertmanager {version} at {http.Shown}: cluster {Word(cluster.GetProperty("status").GetString())} ({Count(peers, "peer")}), {Count(alerts.Root.GetArrayLength(), "active alert")}.", []);
        });
    }

    public async Task<SourceTestResult> TestAsync(ScrapeTargetInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        if (!IsValidName(input.Name))
        {
            Add(errors, ScrapeTargets, $"{ScrapeTargets}: target name must be {NameRule}.");
            return SourceTestResult.Invalid(Done(errors));
        }
        var what = $"Scrape target '{input.Name}'";
        var key = ScrapeUrl(input.Name);
        var target = settings.Resolve(input, errors);
        if (errors.Count == 0 && (!Uri.TryCreate(target.Url, UriKind.Absolute, out var checkedUrl) || checkedUrl.Scheme is not ("http" or "https")))
        {
            Add(errors, key, $"{key} must be an absolute http(s) URL (got '{Clip(target.Url)}').");
        }
        if (errors.Count == 0)
        {
            CheckTarget(errors, key, target.Url, what);
        }
        if (errors.Count > 0)
        {
            return SourceTestResult.Invalid(Done(errors));
        }
        var url = new Uri(target.Url);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(10));
        var shown = UrlRedaction.Redact(target.Url);
        try
        {
            var families = await new MetricsScraper(clients.CreateClient(HttpClientName))
                .ScrapeAsync(url, target.BearerToken.Length > 0 ? target.BearerToken : null, new ExpositionParser(), cancel.Token);
            var samples = families.Sum(f => f.Samples.Length);
            return new SourceTestResult(families.Count == 0 ? SourceTestOutcome.Warning : SourceTestOutcome.Ok,
                $"{what} at {shown}: {Count(families.Count, "metric family", "metric families")}, {Count(samples, "sample")}.", []);
        }
        catch (MetricsScrapeException ex) when (ex.InnerException is null &&
            (ex.Message.Contains("HTTP 401", StringComparison.Ordinal) || ex.Message.Contains("HTTP 403", StringComparison.Ordinal)))
        {
            LogFailed(what, shown, ex.Message);
            return SourceTestResult.Failed($"{what} at {shown}: the endpoint refused the credentials ({(target.BearerToken.Length > 0 ? "check the bearer token" : "it wants a bearer token")}).");
        }
        catch (Exception ex) when (ex is MetricsScrapeException or ExpositionException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFailed(what, shown, ex is OperationCanceledException ? "no answer within 10 s" : ex.Message);
            return SourceTestResult.Failed(Unreachable(what, shown, "a Prometheus /metrics endpoint"));
        }
    }

    public async Task<SourceTestResult> TestAsync(PostgresTargetInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        if (!IsValidName(input.Name))
        {
            Add(errors, Postgres, $"{Postgres}: target name must be {NameRule}.");
            return SourceTestResult.Invalid(Done(errors));
        }
        var what = $"PostgreSQL target '{input.Name}'";
        var key = PostgresTarget(input.Name);
        var connectionString = settings.Resolve(input, errors);
        var builder = TryParse(connectionString);
        if (errors.Count == 0 && (string.IsNullOrWhiteSpace(connectionString) || builder is null || string.IsNullOrWhiteSpace(builder.Host)))
        {
            Add(errors, key, string.IsNullOrWhiteSpace(connectionString)
                ? $"{key} is required: a connection string such as Host=db;Port=5432;Database=app;Username=monitor."
                : $"{key} is not a valid PostgreSQL connection string with a Host.");
        }
        if (errors.Count == 0)
        {
            foreach (var host in builder!.Host!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                CheckTarget(errors, key, SourceTestTargets.WithoutPort(host), what, isHost: true);
            }
        }
        if (errors.Count > 0)
        {
            return SourceTestResult.Invalid(Done(errors));
        }
        if (builder!.Timeout is <= 0 or > 10)
        {
            builder.Timeout = 10;
        }
        builder.CommandTimeout = 10;
        builder.Pooling = false;
        builder.ApplicationName = "dashboard-test-connection";
        var where = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("""
                SELECT current_setting('server_version'), current_database(), current_user, pg_is_in_recovery(),
                       pg_has_role(current_user, 'pg_monitor', 'USAGE'),
                       (SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements'),
                       current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (version, database, user, standby) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
            var monitor = reader.GetBoolean(4);
            var statements = reader.IsDBNull(5) ? null : reader.GetString(5);
            var preloaded = reader.GetBoolean(6);
            var details = new List<string>
            {
                monitor ? $"pg_monitor: {user} has it." : $"pg_monitor: {user} lacks it, so other roles' sessions, queries and replication are hidden (GRANT pg_monitor TO {user};).",
                statements is null
                    ? $"pg_stat_statements is not installed in database {database} (CREATE EXTENSION pg_stat_statements; in it)."
                    : preloaded
                        ? $"pg_stat_statements {statements}: installed and loaded."
                        : $"pg_stat_statements {statements} is installed in database {database} but not in shared_preload_libraries (add it and restart the server).",
            };
            var ok = monitor && statements is not null && preloaded;
            return new SourceTestResult(ok ? SourceTestOutcome.Ok : SourceTestOutcome.Warning,
                $"{what}: PostgreSQL {version} ({(standby ? "standby" : "primary")}) at {where}, database {database} as {user}.", details);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            LogFailed(what, where, $"SQLSTATE {ex.SqlState}");
            return SourceTestResult.Failed($"{what} at {where}: the server refused the user or password (check them, and that pg_hba.conf lets this user in from the dashboard).");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or FormatException or IOException ||
            (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFailed(what, where, ex is PostgresException pg ? $"SQLSTATE {pg.SqlState}" : $"{ex.GetType().Name}: {ex.InnerException?.Message ?? ex.Message}");
            return SourceTestResult.Failed(Unreachable(what, where, "a PostgreSQL server that accepts this database"));
        }
    }

    /// <summary>The one sentence a client sees for every failure but refused credentials.</summary>
    private static string Unreachable(string what, string shown, string api) =>
        $"{what} at {shown}: could not reach it, or it did not answer as {api}. Check the address (and any path prefix); the server log has the details.";

    /// <summary>An allowed host, or a 400 naming the field and the rule.</summary>
    private void CheckTarget(Dictionary<string, List<string>> errors, string key, string? urlOrHost, string what, bool isHost = false)
    {
        if (!isHost && string.IsNullOrWhiteSpace(urlOrHost))
        {
            Add(errors, key, $"{key} is required: the address of the {what} to test.");
            return;
        }
        var host = isHost ? urlOrHost : Uri.TryCreate(urlOrHost, UriKind.Absolute, out var uri) ? uri.Host : null;
        if (targets.Check(key, host) is { } refused)
        {
            Add(errors, key, refused);
        }
    }

    private static Dictionary<string, List<string>> Mine(IReadOnlyDictionary<string, string[]> errors, string prefix) =>
        errors.Where(e => e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => e.Key, e => e.Value.ToList(), StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, string[]> Done(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.OrdinalIgnoreCase);

    private static SourceTestResult Invalid(string field, string message) => SourceTestResult.Invalid(new Dictionary<string, string[]> { [field] = [message] });

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }
        list.Add(message);
    }

    private static T Read<T>(JsonElement values) =>
        values.Deserialize<T>(Json) ?? throw new JsonException("no values were sent");

    private static string Label(JsonElement target, string name) =>
        target.TryGetProperty("labels", out var labels) && labels.TryGetProperty(name, out var value) ? Word(value.GetString()) : "";

    /// <summary>A word from an answer, as shown: printable and short.</summary>
    private static string Word(string? text) => Clip(new string((text ?? "").Where(c => !char.IsControl(c)).ToArray()), 100);

    private static string Version(string? text) => text is not null && VersionShape().IsMatch(text) ? text : "(unknown version)";

    private static string Clip(string text, int max = 200) => InputLimits.Clip(text, max);

    private static string Count(int n, string one, string? many = null) =>
        $"{n.ToString("N0", CultureInfo.InvariantCulture)} {(n == 1 ? one : many ?? one + "s")}";

    private HttpClient Client() => clients.CreateClient(HttpClientName);

    private void LogFailed(string source, string shown, string reason) => TestFailed(log, source, Clip(shown), Clip(reason, 500));

    [LoggerMessage(Level = LogLevel.Information, Message = "Test connection: {Source} at {Address} failed: {Reason}")]
    private static partial void TestFailed(ILogger logger, string source, string address, string reason);

    [GeneratedRegex(@"^v?\d+\.\d+(\.\d+)?[0-9A-Za-z.+_~-]{0,40}$")]
    private static partial Regex VersionShape();

    /// <summary>One HTTP source under test: base URL and credentials; failures become the generic sentence.</summary>
    private sealed class Probe(SourceConnectionTester tester, string source, string api, string url, TimeSpan timeout, AuthenticationHeaderValue? auth, string? credential)
    {
        private readonly Uri baseAddress = HttpSources.BaseAddress(url);
        private readonly TimeSpan wait = timeout < MaxWait ? timeout : MaxWait;

        public string Shown => Clip(HttpSources.Redacted(new Uri(url)).TrimEnd('/'));

        public async Task<(JsonElement Root, SourceTestResult? Failure)> GetJsonAsync(string path, CancellationToken cancellationToken)
        {
            var endpoint = new Uri(baseAddress, path);
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cancel.CancelAfter(wait);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
                request.Headers.Authorization = auth;
                using var response = await tester.Client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    tester.LogFailed(source, Shown, $"HTTP {(int)response.StatusCode} from {endpoint.AbsolutePath}");
                    return (default, SourceTestResult.Failed(credential is null
                        ? $"{source} at {Shown}: HTTP {(int)response.StatusCode}: it wants credentials (set a bearer token or basic auth)."
                        : $"{source} at {Shown}: HTTP {(int)response.StatusCode}: the credentials were refused (check {credential})."));
                }
                if (!response.IsSuccessStatusCode)
                {
                    return Unreachable($"HTTP {(int)response.StatusCode} from {endpoint.AbsolutePath}");
                }
                var body = await BoundedBody.ReadAsync(await response.Content.ReadAsStreamAsync(cancel.Token), MaxBodyBytes, cancel.Token);
                if (body is null)
                {
                    return Unreachable($"{endpoint.AbsolutePath} answered more than {MaxBodyBytes} bytes");
                }
                try
                {
                    using var document = JsonDocument.Parse(body);
                    return (document.RootElement.Clone(), null);
                }
                catch (JsonException)
                {
                    return Unreachable($"{endpoint.AbsolutePath} answered HTTP {(int)response.StatusCode}, not JSON");
                }
            }
            catch (HttpRequestException ex)
            {
                return Unreachable($"{ex.HttpRequestError}: {ex.InnerException?.Message ?? ex.Message}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Unreachable($"no answer within {wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
            }
        }

        /// <summary>Reads what was found; an answer of the wrong shape is the generic failure.</summary>
        public SourceTestResult Read(Func<SourceTestResult> found)
        {
            try
            {
                return found();
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return Unreachable($"the answer is not {api} JSON ({ex.Message})").Failure!;
            }
        }

        private (JsonElement Root, SourceTestResult? Failure) Unreachable(string reason)
        {
            tester.LogFailed(source, Shown, reason);
            return (default, SourceTestResult.Failed(SourceConnectionTester.Unreachable(source, Shown, api)));
        }
    }
}
