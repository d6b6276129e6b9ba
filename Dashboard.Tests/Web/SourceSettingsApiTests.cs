using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Sources.Prometheus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Tests.Web;

/// <summary>
/// Sources on the Settings page, against the real stack: a save reaches IOptionsMonitor and the
/// ingest client at once, a bad one is refused by key and changes nothing, secrets never come back
/// (API, page, audit), and "test connection" names exactly what failed.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SourceSettingsApiTests(DashboardAppFactory app)
{
    private const string Api = "/api/v1/settings/sources";

    private PrometheusOptions Prometheus => app.Services.GetRequiredService<IOptionsMonitor<PrometheusOptions>>().CurrentValue;

    [Fact]
    public async Task Put_PrometheusUrl_MonitorAndIngestClientUseItAtOnce_PutBackRemovesTheStoredValue()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var original = TestStack.Current.PrometheusUrl;
        var prefixed = original.TrimEnd('/') + "/no-such-prefix";
        try
        {
            var saved = await engineer.PutAsJsonAsync(Api, new { prometheus = new { url = prefixed } });

            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(prefixed, body.GetProperty("prometheus").GetProperty("url").GetString());
            Assert.Equal("settings", body.GetProperty("origins").GetProperty("Prometheus:Url").GetString());
            Assert.Equal(prefixed, Prometheus.Url);
            // The client the ingest job gets is built from the new URL: its path prefix shows in the error.
            await using var scope = app.Services.CreateAsyncScope();
            var error = await Assert.ThrowsAsync<PrometheusQueryException>(() =>
                scope.ServiceProvider.GetRequiredService<PrometheusClient>().QueryAsync("up"));
            Assert.Contains("/no-such-prefix/api/v1/query", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            var restored = await engineer.PutAsJsonAsync(Api, new { prometheus = new { url = original } });
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }

        Assert.Equal(original, Prometheus.Url);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.False(await db.SourceSettings.AnyAsync(s => s.Key == "Prometheus:Url"), "a value equal to the stack file's is not stored");
        var view = await engineer.GetFromJsonAsync<JsonElement>(Api);
        Assert.Equal("configuration", view.GetProperty("origins").GetProperty("Prometheus:Url").GetString());
    }

    public static readonly TheoryData<string, string, string> BadBodies = new()
    {
        { """{"prometheus":{"url":"not a url"}}""", "Prometheus:Url", "must be an absolute http(s) URL" },
        { """{"prometheus":{"timeoutSeconds":0}}""", "Prometheus:Timeout", "between 0 and 5 minutes" },
        { """{"prometheus":{"maxRetries":11}}""", "Prometheus:MaxRetries", "between 0 and 10" },
        { """{"prometheus":{"basicAuthUser":"ops","bearerToken":{"value":"abc"}}}""", "Prometheus:BearerToken", "use one way to authenticate" },
        { """{"alertmanager":{"url":"ftp://x"}}""", "Alertmanager:Url", "must be an absolute http(s) URL" },
        { """{"postgres":[{"name":"orders","connectionString":"Hots=x"}]}""", "Ingest:Postgres:orders", "not a valid PostgreSQL connection string" },
        { """{"scrapeTargets":[{"name":"app","url":"/metrics"}]}""", "Ingest:ScrapeTargets:app:Url", "must be an absolute http(s) URL" },
        { """{"scrapeTargets":[{"name":"a:b","url":"http://x/metrics"}]}""", "Ingest:ScrapeTargets", "target name 'a:b'" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Put_BadValue_400NamingTheKey_PreviousSettingsStay(string json, string key, string rule)
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var before = await owner.GetStringAsync(Api);
        var url = Prometheus.Url;

        var response = await owner.PutAsync(Api, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").GetProperty(key).EnumerateArray(), m => m.GetString()!.Contains(rule, StringComparison.Ordinal));
        Assert.Equal(before, await owner.GetStringAsync(Api));
        Assert.Equal(url, Prometheus.Url);
    }

    [Fact]
    public async Task Secrets_NeverReturnedByApiPageOrAudit_StoredEncrypted_BlankKeeps_ClearRemoves()
    {
        var token = "tok_" + Guid.NewGuid().ToString("N");
        var engineer = app.For("engineer");
        using var api = app.CreateRawClient(engineer.Token);
        try
        {
            var saved = await api.PutAsJsonAsync(Api, new { alertmanager = new { bearerToken = new { value = token } } });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.DoesNotContain(token, await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var json = await api.GetStringAsync(Api);
            Assert.DoesNotContain(token, json, StringComparison.Ordinal);
            Assert.Equal("set", JsonDocument.Parse(json).RootElement.GetProperty("alertmanager").GetProperty("bearerToken").GetString());
            Assert.Equal(token, app.Services.GetRequiredService<IOptionsMonitor<AlertmanagerOptions>>().CurrentValue.BearerToken);

            using var browser = await app.SignInAsync(engineer.Email, engineer.Password);
            var page = await browser.GetStringAsync("/settings");
            Assert.Contains("data-testid=\"sources-editor\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain(token, page, StringComparison.Ordinal);

            await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            var row = await db.SourceSettings.AsNoTracking().SingleAsync(s => s.Key == "Alertmanager:BearerToken");
            Assert.True(row.IsSecret);
            Assert.DoesNotContain(token, row.Value, StringComparison.Ordinal);
            var audit = await db.AuditLog.AsNoTracking().Where(a => a.Action == "sources.update").OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal(engineer.Email, audit.Actor);
            Assert.Contains("Alertmanager:BearerToken (secret)", audit.Details, StringComparison.Ordinal);
            Assert.DoesNotContain(token, audit.Details, StringComparison.Ordinal);

            // A blank value keeps the stored secret.
            var blank = await api.PutAsJsonAsync(Api, new { alertmanager = new { url = TestStack.Current.AlertmanagerUrl, bearerToken = new { value = "" } } });
            Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
            Assert.Equal(token, app.Services.GetRequiredService<IOptionsMonitor<AlertmanagerOptions>>().CurrentValue.BearerToken);
        }
        finally
        {
            var cleared = await api.PutAsJsonAsync(Api, new { alertmanager = new { bearerToken = new { clear = true } } });
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        }
        Assert.Equal("", app.Services.GetRequiredService<IOptionsMonitor<AlertmanagerOptions>>().CurrentValue.BearerToken);
        Assert.Equal("not set", (await api.GetFromJsonAsync<JsonElement>(Api)).GetProperty("alertmanager").GetProperty("bearerToken").GetString());
    }

    [Fact]
    public async Task PostgresTarget_PasswordNeverReturned_TargetAddedAndRemoved()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var primary = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Primary);
        try
        {
            var saved = await owner.PutAsJsonAsync(Api, new { postgres = new[] { new { name = "orders", connectionString = primary.ConnectionString } } });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var text = await saved.Content.ReadAsStringAsync();
            Assert.DoesNotContain(primary.Password!, text, StringComparison.Ordinal);
            var target = JsonDocument.Parse(text).RootElement.GetProperty("postgres").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "orders");
            Assert.Equal("set", target.GetProperty("password").GetString());
            Assert.Equal("settings", target.GetProperty("origin").GetString());
            Assert.Equal(primary.ConnectionString, app.Services.GetRequiredService<IOptionsMonitor<IngestOptions>>().CurrentValue.Postgres["orders"]);
        }
        finally
        {
            var removed = await owner.PutAsJsonAsync(Api, new { postgres = Array.Empty<object>() });
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }
        Assert.Empty(app.Services.GetRequiredService<IOptionsMonitor<IngestOptions>>().CurrentValue.Postgres);
    }

    [Fact]
    public async Task Test_RealPrometheusAlertmanagerAndPostgres_SayWhatWasFound()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var primary = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Primary);

        var prometheus = await TestAsync(engineer, "prometheus", new { url = TestStack.Current.PrometheusUrl });
        var alertmanager = await TestAsync(engineer, "alertmanager", new { url = TestStack.Current.AlertmanagerUrl });
        var postgres = await TestAsync(engineer, "postgres", new { name = "main", connectionString = primary.ConnectionString });

        Assert.Equal("Ok", prometheus.GetProperty("outcome").GetString());
        Assert.Matches(@"^Prometheus \d+\.\d+\.\d+\S* at http://127\.0\.0\.1:\d+: \d+ of \d+ targets up\.$", prometheus.GetProperty("message").GetString());
        Assert.Equal("Ok", alertmanager.GetProperty("outcome").GetString());
        Assert.Matches(@"^Alertmanager \d+\.\d+\.\d+\S* at http://127\.0\.0\.1:\d+: cluster \w+", alertmanager.GetProperty("message").GetString());
        Assert.NotEqual("Failed", postgres.GetProperty("outcome").GetString());
        Assert.StartsWith($"PostgreSQL target 'main': PostgreSQL 15", postgres.GetProperty("message").GetString(), StringComparison.Ordinal);
        var details = string.Join("\n", postgres.GetProperty("details").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("pg_monitor", details, StringComparison.Ordinal);
        Assert.Contains("pg_stat_statements", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_ClosedPortTimeoutAndHtml_OneGenericSentence_WrongPasswordAnd401_NameTheCredential()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var closed = ClosedPort();
        var primary = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Primary) { Password = "wrong-password" };
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections, never answers
        var silentPort = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var locked = new LocalHttpServer((ctx, _) => LocalHttpServer.Respond(ctx, 401, """{"error":"unauthorized"}"""));
        await locked.StartAsync();
        await using var html = new LocalHttpServer((ctx, _) => LocalHttpServer.Respond(ctx, 200, "<html>internal-secret-fragment</html>", "text/html"));
        await html.StartAsync();

        var refused = await TestAsync(engineer, "prometheus", new { url = $"http://127.0.0.1:{closed}" });
        var password = await TestAsync(engineer, "postgres", new { name = "orders", connectionString = primary.ConnectionString });
        var timeout = await TestAsync(engineer, "prometheus", new { url = $"http://127.0.0.1:{silentPort}", timeoutSeconds = 1 });
        var notJson = await TestAsync(engineer, "prometheus", new { url = html.Url });
        var unauthorized = await TestAsync(engineer, "prometheus", new { url = locked.Url, bearerToken = new { value = "wrong" } });

        // Refused, timeout and "not this API" read the same (no oracle for probing), and nothing of the answer comes back.
        const string Generic = "could not reach it, or it did not answer as a Prometheus API. Check the address (and any path prefix); the server log has the details.";
        Assert.Equal($"Prometheus at http://127.0.0.1:{closed}: {Generic}", refused.GetProperty("message").GetString());
        Assert.Equal($"Prometheus at http://127.0.0.1:{silentPort}: {Generic}", timeout.GetProperty("message").GetString());
        Assert.Equal($"Prometheus at {html.Url.TrimEnd('/')}: {Generic}", notJson.GetProperty("message").GetString());
        Assert.DoesNotContain("internal-secret-fragment", notJson.ToString(), StringComparison.Ordinal);
        Assert.All(new[] { refused, timeout, notJson, password, unauthorized }, r => Assert.Equal("Failed", r.GetProperty("outcome").GetString()));
        Assert.StartsWith("PostgreSQL target 'orders' at 127.0.0.1:", password.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("the server refused the user or password (check them, and that pg_hba.conf lets this user in from the dashboard).",
            password.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal($"Prometheus at {locked.Url.TrimEnd('/')}: HTTP 401: the credentials were refused (check the bearer token).",
            unauthorized.GetProperty("message").GetString());
    }

    [Fact]
    public async Task KeyPinnedAboveSettings_ShownReadOnly_AndAChangeIsRefusedNamingIt()
    {
        using var pinned = app.OverrideSetting("Prometheus:Timeout", "00:00:07");
        using var owner = app.CreateRawClient(app.For("owner").Token);

        var view = await owner.GetFromJsonAsync<JsonElement>(Api);
        var response = await owner.PutAsJsonAsync(Api, new { prometheus = new { timeoutSeconds = 20 } });
        var unchanged = await owner.PutAsJsonAsync(Api, new { prometheus = new { timeoutSeconds = 7 } });

        Assert.Equal(7, view.GetProperty("prometheus").GetProperty("timeoutSeconds").GetDouble());
        Assert.Equal("pinned", view.GetProperty("origins").GetProperty("Prometheus:Timeout").GetString());
        Assert.True(view.GetProperty("pinnedBy").TryGetProperty("Prometheus:Timeout", out _));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("overrides Settings; change it there", problem.GetProperty("errors").GetProperty("Prometheus:Timeout")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), Prometheus.Timeout);
    }

    [Theory]
    [InlineData("pm")]
    [InlineData("designer")]
    public async Task OtherRoles_Get403_Put403_Test403(string role)
    {
        using var client = app.CreateRawClient(app.For(role).Token);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync(Api, new { prometheus = new { url = "http://127.0.0.1:1" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(Api + "/test", new { kind = "prometheus", values = new { url = "http://127.0.0.1:1" } })).StatusCode);
    }

    private static async Task<JsonElement> TestAsync(HttpClient client, string kind, object values)
    {
        var response = await client.PostAsJsonAsync(Api + "/test", new { kind, values });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
