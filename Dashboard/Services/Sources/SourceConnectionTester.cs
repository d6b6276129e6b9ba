using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dashboard.Jobs.Sources.Exposition;
using Npgsql;

namespace Dashboard.Services.Sources;

/// <summary>
/// "Test connection": tries a source with the form's values (nothing is saved) and says exactly
/// what failed (connection refused, timeout, HTTP 401 and which credential to check, the
/// server's own error) or what was found (versions, targets up, extensions). One attempt, no
/// retries, no redirects followed, so the answer is about the values as they are.
/// </summary>
internal sealed class SourceConnectionTester(IHttpClientFactory clients, SourceSettingsService settings)
{
    public const string HttpClientName = "source-test";

    /// <summary>The longest a test waits, whatever the form's timeout says.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The API's entry: the values are the matching input record of <paramref name="request"/>'s kind.</summary>
    public Task<SourceTestResult> TestAsync(SourceTestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return request.Kind switch
            {
                SourceKind.Prometheus => TestAsync(Read<PrometheusSourceInput>(request.Values), cancellationToken),
                SourceKind.Alertmanager => TestAsync(Read<AlertmanagerSourceInput>(request.Values), cancellationToken),
                SourceKind.ScrapeTarget => TestAsync(Read<ScrapeTargetInput>(request.Values), cancellationToken),
                SourceKind.Postgres => TestAsync(Read<PostgresTargetInput>(request.Values), cancellationToken),
                _ => Task.FromResult(SourceTestResult.Failed($"Unknown source kind '{request.Kind}'.")),
            };
        }
        catch (JsonException ex)
        {
            return Task.FromResult(SourceTestResult.Failed($"The values are not a {request.Kind} source: {ex.Message}"));
        }
    }

    public async Task<SourceTestResult> TestAsync(PrometheusSourceInput input, CancellationToken cancellationToken)
    {
        var options = settings.Resolve(input);
        if (Invalid(settings.Validate(new SourceSettingsInput { Prometheus = input }), "Prometheus:") is { } invalid)
        {
            return invalid;
        }
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            return SourceTestResult.Failed("Prometheus:Url is empty: there is no Prometheus to test.");
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
        var http = new Probe("Prometheus", options.Url, options.Timeout, auth, credential, "is this Prometheus? Check the URL and any path prefix", clients);

        var build = await http.GetJsonAsync("api/v1/status/buildinfo", cancellationToken);
        if (build.Failure is { } f1)
        {
            return f1;
        }
        var targets = await http.GetJsonAsync("api/v1/targets?state=active", cancellationToken);
        if (targets.Failure is { } f2)
        {
            return f2;
        }
        return http.Read(() => Found(build.Root, targets.Root, http.Shown));
    }

    private static SourceTestResult Found(JsonElement build, JsonElement targets, string shown)
    {
        var version = build.GetProperty("data").GetProperty("version").GetString();
        var active = targets.GetProperty("data").GetProperty("activeTargets").EnumerateArray().ToList();
        var up = active.Count(t => t.GetProperty("health").GetString() == "up");
        var details = active.Where(t => t.GetProperty("health").GetString() != "up")
            .Select(t => $"{Label(t, "job")} {Label(t, "instance")}: {t.GetProperty("health").GetString()}" +
                (t.TryGetProperty("lastError", out var e) && e.GetString() is { Length: > 0 } error ? $" ({error})" : ""))
            .ToList();
        return new SourceTestResult(active.Count == 0 ? SourceTestOutcome.Warning : SourceTestOutcome.Ok,
            $"Prometheus {version} at {shown}: {up} of {active.Count} targets up.", details);
    }

    public async Task<SourceTestResult> TestAsync(AlertmanagerSourceInput input, CancellationToken cancellationToken)
    {
        var options = settings.Resolve(input);
        if (Invalid(settings.Validate(new SourceSettingsInput { Alertmanager = input }), "Alertmanager:") is { } invalid)
        {
            return invalid;
        }
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            return SourceTestResult.Failed("Alertmanager:Url is empty: there is no Alertmanager to test.");
        }
        var auth = options.BearerToken.Length > 0 ? new AuthenticationHeaderValue("Bearer", options.BearerToken) : null;
        var http = new Probe("Alertmanager", options.Url, options.Timeout, auth, auth is null ? null : "the bearer token",
            "is this Alertmanager (API v2)? Check the URL and any path prefix", clients);
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
            var version = status.Root.GetProperty("versionInfo").GetProperty("version").GetString();
            var cluster = status.Root.GetProperty("cluster");
            var peers = cluster.TryGetProperty("peers", out var p) && p.ValueKind == JsonValueKind.Array ? p.GetArrayLength() : 0;
            return new SourceTestResult(SourceTestOutcome.Ok,
                $"Alertmanager {version} at {http.Shown}: cluster {cluster.GetProperty("status").GetString()} ({Count(peers, "peer")}), {Count(alerts.Root.GetArrayLength(), "active alert")}.", []);
        });
    }

    public async Task<SourceTestResult> TestAsync(ScrapeTargetInput input, CancellationToken cancellationToken)
    {
        var what = $"Scrape target '{input.Name}'";
        var target = settings.Resolve(input);
        if (!Uri.TryCreate(target.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return SourceTestResult.Failed($"Ingest:ScrapeTargets:{input.Name}:Url must be an absolute http(s) URL (got '{target.Url}').");
        }
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = TimeSpan.FromSeconds(10);
        cancel.CancelAfter(wait);
        var shown = Jobs.Sources.HttpSources.Redacted(url);
        try
        {
            var families = await new MetricsScraper(clients.CreateClient(HttpClientName))
                .ScrapeAsync(url, target.BearerToken.Length > 0 ? target.BearerToken : null, new ExpositionParser(), cancel.Token);
            var samples = families.Sum(f => f.Samples.Length);
            return new SourceTestResult(families.Count == 0 ? SourceTestOutcome.Warning : SourceTestOutcome.Ok,
                $"{what} at {shown}: {Count(families.Count, "metric family", "metric families")}, {Count(samples, "sample")}.", []);
        }
        catch (MetricsScrapeException ex) when (ex.InnerException is HttpRequestException http)
        {
            return SourceTestResult.Failed($"{what} at {shown}: {Transport(http)}");
        }
        catch (MetricsScrapeException ex)
        {
            var hint = ex.Message.Contains("HTTP 401", StringComparison.Ordinal) || ex.Message.Contains("HTTP 403", StringComparison.Ordinal)
                ? (target.BearerToken.Length > 0 ? " (check the bearer token)" : " (the endpoint wants a bearer token)")
                : "";
            return SourceTestResult.Failed($"{what}: {ex.Message}{hint}");
        }
        catch (ExpositionException ex)
        {
            return SourceTestResult.Failed($"{what} at {shown}: not a valid exposition: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SourceTestResult.Failed($"{what} at {shown}: timeout after {Seconds(wait)} s");
        }
    }

    public async Task<SourceTestResult> TestAsync(PostgresTargetInput input, CancellationToken cancellationToken)
    {
        var what = $"PostgreSQL target '{input.Name}'";
        if (SourceSettingKeys.TryParse(settings.Resolve(input)) is not { } builder)
        {
            return SourceTestResult.Failed($"Ingest:Postgres:{input.Name} is not a valid PostgreSQL connection string.");
        }
        if (builder.Timeout is <= 0 or > 10)
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
        catch (PostgresException ex)
        {
            return SourceTestResult.Failed($"{what}: {ex.MessageText}{PostgresHint(ex.SqlState)}");
        }
        catch (NpgsqlException ex) when (ex.InnerException is SocketException or TimeoutException or IOException)
        {
            return SourceTestResult.Failed(ex.InnerException is TimeoutException
                ? $"{what} at {where}: timeout after {builder.Timeout} s"
                : $"{what} at {where}: {Socket(ex.InnerException as SocketException) ?? ex.InnerException!.Message}");
        }
        catch (NpgsqlException ex)
        {
            return SourceTestResult.Failed($"{what} at {where}: {ex.Message}");
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return SourceTestResult.Failed($"{what} at {where}: timeout after {builder.Timeout} s");
        }
    }

    private static string PostgresHint(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.InvalidPassword => " (check the password)",
        PostgresErrorCodes.InvalidAuthorizationSpecification => " (pg_hba.conf does not let this user in from here)",
        PostgresErrorCodes.InvalidCatalogName => " (check the database name)",
        _ => $" (SQLSTATE {sqlState})",
    };

    private static SourceTestResult? Invalid(IReadOnlyDictionary<string, string[]> errors, string prefix)
    {
        var mine = errors.Where(e => e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToList();
        return mine.Count == 0 ? null : new SourceTestResult(SourceTestOutcome.Failed, mine[0], mine.Skip(1).ToList());
    }

    private static T Read<T>(JsonElement values) =>
        values.Deserialize<T>(Json) ?? throw new JsonException("no values were sent");

    private static string Label(JsonElement target, string name) =>
        target.TryGetProperty("labels", out var labels) && labels.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    private static string Count(int n, string one, string? many = null) =>
        $"{n.ToString("N0", CultureInfo.InvariantCulture)} {(n == 1 ? one : many ?? one + "s")}";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>What a failed connection attempt was, in the words an operator searches for.</summary>
    internal static string Transport(HttpRequestException ex) =>
        Socket(ex.InnerException as SocketException) ?? ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "host not found (DNS)",
            HttpRequestError.SecureConnectionError => $"TLS handshake failed: {ex.InnerException?.Message ?? ex.Message}",
            HttpRequestError.ConnectionError => $"cannot connect: {ex.InnerException?.Message ?? ex.Message}",
            _ => ex.Message,
        };

    private static string? Socket(SocketException? ex) => ex?.SocketErrorCode switch
    {
        null => null,
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found (DNS)",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
        SocketError.TimedOut => "connection timed out",
        SocketError.ConnectionReset => "connection reset by the server",
        _ => ex.Message,
    };

    /// <summary>One HTTP source under test: base URL, credentials, and how its failures are worded.</summary>
    private sealed class Probe(string source, string url, TimeSpan timeout, AuthenticationHeaderValue? auth, string? credential, string notFoundHint, IHttpClientFactory clients)
    {
        private readonly Uri baseAddress = Jobs.Sources.HttpSources.BaseAddress(url);
        private readonly TimeSpan wait = timeout < MaxWait ? timeout : MaxWait;

        public string Shown => Jobs.Sources.HttpSources.Redacted(new Uri(url)).TrimEnd('/');

        public async Task<(JsonElement Root, SourceTestResult? Failure)> GetJsonAsync(string path, CancellationToken cancellationToken)
        {
            var endpoint = new Uri(baseAddress, path);
            var shownPath = endpoint.AbsolutePath;
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cancel.CancelAfter(wait);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
                request.Headers.Authorization = auth;
                using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancel.Token);
                var body = await response.Content.ReadAsByteArrayAsync(cancel.Token);
                if (!response.IsSuccessStatusCode)
                {
                    return (default, SourceTestResult.Failed($"{source} at {Shown}: HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {shownPath}{Hint(response)}"));
                }
                try
                {
                    using var document = JsonDocument.Parse(body);
                    return (document.RootElement.Clone(), null);
                }
                catch (JsonException)
                {
                    return (default, SourceTestResult.Failed(
                        $"{source} at {Shown}: {shownPath} answered HTTP {(int)response.StatusCode} but not with JSON (it starts: \"{Preview(body)}\"); {notFoundHint}."));
                }
            }
            catch (HttpRequestException ex)
            {
                return (default, SourceTestResult.Failed($"{source} at {Shown}: {Transport(ex)}"));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (default, SourceTestResult.Failed($"{source} at {Shown}: timeout after {Seconds(wait)} s"));
            }
        }

        /// <summary>Reads what was found; an answer of the wrong shape is named as such.</summary>
        public SourceTestResult Read(Func<SourceTestResult> found)
        {
            try
            {
                return found();
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return SourceTestResult.Failed($"{source} at {Shown}: the answer is not {source} API JSON ({ex.Message}); {notFoundHint}.");
            }
        }

        private string Hint(HttpResponseMessage response) => response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => credential is null
                ? " (it wants credentials: set a bearer token or basic auth)"
                : $" (check {credential})",
            HttpStatusCode.NotFound => $" ({notFoundHint})",
            >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest =>
                $" (it redirects to {response.Headers.Location}; use the final URL)",
            _ => "",
        };

        private static string Preview(byte[] body)
        {
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 60)).ReplaceLineEndings(" ");
            return body.Length > 60 ? text + "…" : text;
        }
    }
}
