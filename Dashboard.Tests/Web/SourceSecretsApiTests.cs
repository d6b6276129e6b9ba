using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Health;
using Dashboard.Jobs.Settings;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Sources.Prometheus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Tests.Web;

/// <summary>
/// Issue 13, against the real stack: a stored source secret goes only to the origin it was saved for, "test
/// connection" reaches only allowed hosts, and credentials written into a URL are refused and never shown
/// (docs/decisions/026-input-limits-and-source-secrets.md).
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SourceSecretsApiTests(DashboardAppFactory app)
{
    private const string Api = "/api/v1/settings/sources";

    [Fact]
    public async Task StoredToken_NewOriginWithBlankField_400ReEnter_AndTheTokenNeverReachesTheNewAddress()
    {
        var token = "tok_" + Guid.NewGuid().ToString("N");
        var seen = new ConcurrentBag<string>();
        await using var other = new LocalHttpServer((ctx, _) =>
        {
            seen.Add(ctx.Request.Headers.Authorization.ToString());
            return LocalHttpServer.Respond(ctx, 200, """{"status":"success","data":{"version":"2.42.0"}}""");
        });
        await other.StartAsync();
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await engineer.PutAsJsonAsync(Api, new { alertmanager = new { bearerToken = new { value = token } } })).StatusCode);

            var moved = await engineer.PutAsJsonAsync(Api, new { alertmanager = new { url = other.Url, bearerToken = new { value = "" } } });
            var tested = await engineer.PostAsJsonAsync(Api + "/test", new { kind = "alertmanager", values = new { url = other.Url } });
            var samePlace = await engineer.PutAsJsonAsync(Api, new { alertmanager = new { url = TestStack.Current.AlertmanagerUrl.TrimEnd('/') + "/" } });

            Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
            var problem = await moved.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("re-enter it for the new address", problem.GetProperty("errors").GetProperty("Alertmanager:BearerToken")[0].GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, tested.StatusCode);
            Assert.True((await tested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Alertmanager:BearerToken", out _));
            Assert.DoesNotContain(seen, h => h.Contains(token, StringComparison.Ordinal));
            Assert.StartsWith(TestStack.Current.AlertmanagerUrl, app.Services.GetRequiredService<IOptionsMonitor<AlertmanagerOptions>>().CurrentValue.Url, StringComparison.Ordinal);
            // Same scheme, host and port (only the path differs): the stored token stays.
            Assert.Equal(HttpStatusCode.OK, samePlace.StatusCode);
            Assert.Equal(token, app.Services.GetRequiredService<IOptionsMonitor<AlertmanagerOptions>>().CurrentValue.BearerToken);
        }
        finally
        {
            var restored = await engineer.PutAsJsonAsync(Api, new { alertmanager = new { url = TestStack.Current.AlertmanagerUrl, bearerToken = new { clear = true } } });
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }
    }

    [Fact]
    public async Task StoredPostgresPassword_OtherPortWithoutPassword_400ReEnter_NotTriedWithTheOldPassword()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var primary = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Primary);
        // The replica accepts the same user and password: before the binding, the stored password went there.
        var elsewhere = new NpgsqlConnectionStringBuilder(primary.ConnectionString) { Port = TestStack.Current.ReplicaPort, Password = null };
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync(Api, new { postgres = new[] { new { name = "orders", connectionString = primary.ConnectionString } } })).StatusCode);

            var tested = await owner.PostAsJsonAsync(Api + "/test", new { kind = "postgres", values = new { name = "orders", connectionString = elsewhere.ConnectionString } });
            var saved = await owner.PutAsJsonAsync(Api, new { postgres = new[] { new { name = "orders", connectionString = elsewhere.ConnectionString } } });

            foreach (var response in new[] { tested, saved })
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Ingest:Postgres:orders")[0].GetString();
                Assert.Contains($"re-enter it for the new address 127.0.0.1:{TestStack.Current.ReplicaPort}/{primary.Database}", message, StringComparison.Ordinal);
                Assert.DoesNotContain(primary.Password!, message, StringComparison.Ordinal);
            }
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync(Api, new { postgres = Array.Empty<object>() })).StatusCode);
        }
    }

    [Fact]
    public async Task Test_HostOutsideTheAllowList_400NamingTheFieldAndRule_ListedHostIsTried()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var refused = await engineer.PostAsJsonAsync(Api + "/test", new { kind = "prometheus", values = new { url = "http://metadata.invalid:9090" } });
        var scrape = await engineer.PostAsJsonAsync(Api + "/test", new { kind = "scrapeTarget", values = new { name = "app", url = "http://metadata.invalid/metrics" } });
        var postgres = await engineer.PostAsJsonAsync(Api + "/test", new { kind = "postgres", values = new { name = "orders", connectionString = "Host=metadata.invalid;Database=app;Username=monitor" } });
        HttpResponseMessage listed;
        using (app.OverrideSetting("Sources:TestConnectionAllowedHosts", "metadata.invalid"))
        {
            listed = await engineer.PostAsJsonAsync(Api + "/test", new { kind = "prometheus", values = new { url = "http://metadata.invalid:9090" } });
        }

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var message = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Prometheus:Url")[0].GetString();
        Assert.Contains("host 'metadata.invalid' is not one test connection may reach", message, StringComparison.Ordinal);
        Assert.Contains("Sources:TestConnectionAllowedHosts", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, scrape.StatusCode);
        Assert.True((await scrape.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Ingest:ScrapeTargets:app:Url", out _));
        Assert.Equal(HttpStatusCode.BadRequest, postgres.StatusCode);
        Assert.True((await postgres.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Ingest:Postgres:orders", out _));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("Failed", (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task UrlWithCredentials_RefusedOnSave_AndNeverShownByHealthOrSettings()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var stack = new Uri(TestStack.Current.PrometheusUrl);
        var withCredentials = $"http://ops:s3cret-pw@{stack.Host}:{stack.Port}/?access_token=s3cret-tok";

        var put = await engineer.PutAsJsonAsync(Api, new { prometheus = new { url = withCredentials } });
        HealthCheckResult health;
        string settings;
        using (app.OverrideSetting("Prometheus:Url", withCredentials))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var check = ActivatorUtilities.CreateInstance<PrometheusHealthCheck>(scope.ServiceProvider);
            health = await check.CheckHealthAsync(new HealthCheckContext());
            settings = await engineer.GetStringAsync(Api);
        }

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("use Prometheus:BasicAuthUser/BasicAuthPassword or Prometheus:BearerToken instead",
            (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Prometheus:Url")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains($"{stack.Host}:{stack.Port}", health.Description, StringComparison.Ordinal);
        foreach (var shown in new[] { health.Description!, settings })
        {
            Assert.DoesNotContain("s3cret", shown, StringComparison.Ordinal);
        }
    }
}
