using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Hosting;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Web;

/// <summary>
/// Issue 13, against the real app: bad input is a 400 problem+json naming the field (never a 500), the general
/// limits hold on every API input, and a stored value never crashes ingestion
/// (docs/decisions/026-input-limits-and-source-secrets.md).
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class InputLimitsApiTests(DashboardAppFactory app)
{
    private const string Sources = "/api/v1/settings/sources";

    [Fact]
    public async Task Put_PrometheusUrlOver2048Characters_400NamingTheField_NothingStored()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var before = await owner.GetStringAsync(Sources);

        var response = await owner.PutAsJsonAsync(Sources, new { prometheus = new { url = TestStack.Current.PrometheusUrl + "/" + new string('a', 2048) } });

        var errors = await ErrorsAsync(response);
        Assert.Contains("the limit is 2,048", errors.GetProperty("Prometheus:Url")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await owner.GetStringAsync(Sources));
    }

    [Fact]
    public async Task Ingest_StoredUrlTooLongForAnyColumn_SeriesGoStale_TheJobDoesNotCrash()
    {
        var longUrl = $"http://127.0.0.1:{SourceSettingsApiTests.ClosedPort()}/{new string('a', 60_000)}";
        try
        {
            using (app.OverrideSetting("Prometheus:Url", longUrl))
            {
                // Resolved now: the job's Prometheus client is built from the URL in force.
                Assert.Equal(0, await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None));
            }

            await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            var reasons = await db.SeriesStates.AsNoTracking().Where(s => s.StaleReason != null).Select(s => s.StaleReason!).ToListAsync();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r.Length <= 1000, $"a stale reason of {r.Length} characters"));
            Assert.Contains(reasons, r => r.Contains("127.0.0.1", StringComparison.Ordinal));
        }
        finally
        {
            await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None); // the stack's Prometheus again: fresh readings for the next test
        }
    }

    [Fact]
    public async Task Put_MoneyOf1e11_400NamingEachField_NotANumericOverflow()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);

        var response = await owner.PutAsJsonAsync("/api/v1/business/profile", new
        {
            monthlyRecurringRevenueUsd = 1e11m, activeUsers = 10, monthlyInfraSpendUsd = 1e12m, sloTargetPercent = 99.9m, revenuePerConversionUsd = 1e11m,
        });

        var errors = await ErrorsAsync(response);
        Assert.Contains("less than $100,000,000,000", errors.GetProperty("MonthlyRecurringRevenueUsd")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("less than $100,000,000,000", errors.GetProperty("MonthlyInfraSpendUsd")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("less than $10,000,000,000", errors.GetProperty("RevenuePerConversionUsd")[0].GetString(), StringComparison.Ordinal);
    }

    public static readonly TheoryData<string, string> TestBodies = new()
    {
        { """{"kind":"prometheus"}""", "values" },
        { """{"kind":"postgres","values":{"name":"orders"}}""", "Ingest:Postgres:orders" },
        { """{"kind":"prometheus","values":{"url":""}}""", "Prometheus:Url" },
        { """{"kind":"nope","values":{}}""", "kind" },
        { """{"kind":"scrapeTarget","values":{"name":"app","url":"http://127.0.0.1:9/metrics","bearerToken":{"value":"a\r\nb"}}}""", "values.bearerToken.value" },
    };

    [Theory]
    [MemberData(nameof(TestBodies))]
    public async Task TestConnection_MissingOrBadValues_400NamingTheField(string json, string field)
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var response = await engineer.PostAsync(Sources + "/test", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.True((await ErrorsAsync(response)).TryGetProperty(field, out _), $"no error for {field}");
    }

    [Theory]
    [InlineData("Passfile=/etc/passwd")]
    [InlineData("SSL Key=/etc/ssl/private/key.pem")]
    [InlineData("Root Certificate=/etc/shadow")]
    [InlineData("Kerberos Service Name=postgres")]
    [InlineData("Options=-c log_statement=all")]
    public async Task Postgres_FileReadingKeyword_400KeywordNotAllowed_OnSaveAndTest(string keyword)
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var connectionString = $"Host=127.0.0.1;Port={TestStack.Current.PrimaryPort};Database=dashboard;Username=dashboard;{keyword}";
        var name = keyword.Split('=')[0];

        var saved = await owner.PutAsJsonAsync(Sources, new { postgres = new[] { new { name = "orders", connectionString } } });
        var tested = await owner.PostAsJsonAsync(Sources + "/test", new { kind = "postgres", values = new { name = "orders", connectionString } });

        foreach (var response in new[] { saved, tested })
        {
            var message = (await ErrorsAsync(response)).GetProperty("Ingest:Postgres:orders")[0].GetString();
            Assert.Contains($"keyword {name} is not allowed", message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Put_ScrapeTokenWithLineBreak_400NamingTheField()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);

        var response = await owner.PutAsJsonAsync(Sources, new { scrapeTargets = new[] { new { name = "app", url = "http://127.0.0.1:9/metrics", bearerToken = new { value = "a\r\nInjected: yes" } } } });

        var errors = await ErrorsAsync(response);
        Assert.Contains("control characters", errors.GetProperty("scrapeTargets[0].bearerToken.value")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checklist_NoteWithNul_400NamingNote_NotA500()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var response = await engineer.PutAsJsonAsync("/api/v1/checklist/items/log_aggregation", new { done = false, note = "ELK\0since March" });

        Assert.Contains("control characters", (await ErrorsAsync(response)).GetProperty("note")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlCharacterInAQueryValue_400NamingIt_BadJsonAndBadNumber_NameTheirFields()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var entity = await engineer.GetAsync("/api/v1/forecasts/cpu?entity=a%00b");
        var number = await engineer.GetAsync("/api/v1/forecasts/cpu?historyDays=abc");
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var json = await owner.PutAsync("/api/v1/business/profile", new StringContent("""{"activeUsers":"many"}""", Encoding.UTF8, "application/json"));

        Assert.True((await ErrorsAsync(entity)).TryGetProperty("entity", out _));
        Assert.True((await ErrorsAsync(number)).TryGetProperty("historyDays", out _));
        Assert.True((await ErrorsAsync(json)).TryGetProperty("activeUsers", out _));
    }

    [Fact]
    public async Task Sso_ReturnUrlWithLineBreak_GoesToTheProvider_NoHeaderInjected_NotA500()
    {
        // The test stack runs an OpenID provider (scripts/oidc): the sign-on starts; the unsafe return address is
        // dropped (it would have split the Location header), never echoed.
        using var anonymous = app.CreateRawClient();

        var response = await anonymous.GetAsync("/account/login/sso?returnUrl=%2Fa%0D%0ALocation%3A%20https%3A%2F%2Fevil.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(TestStack.Current.OidcAuthority, location, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", location, StringComparison.Ordinal);
        Assert.Single(response.Headers.GetValues("Location"));
    }

    [Fact]
    public async Task SignIn_ReturnUrlWithLineBreak_TreatedAsUnsafe_RedirectsToRoot()
    {
        var user = app.For("pm");
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var form = await (await CookieSignIn.FormAsync(client, user.Email, user.Password)).ReadAsStringAsync();
        form = form.Replace("returnUrl=%2F", "returnUrl=%2Fa%0D%0ALocation%3A%20https%3A%2F%2Fevil.example", StringComparison.Ordinal);

        var response = await client.PostAsync("/account/signin", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task HangfireStats_NotAFormPost_400NotA500()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var response = await engineer.GetAsync("/hangfire/stats");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("form POST", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void ClientError_LoggedAtInformationWithoutStack_ServerErrorLeftToTheErrorLog()
    {
        var logger = new Captured();
        var context = new DefaultHttpContext();
        context.Request.Method = "PUT";
        context.Request.Path = "/api/v1/business/profile";

        var client = ClientErrorLog.Suppress(logger, context, new BadHttpRequestException("Failed to read parameter \"BusinessProfileInput input\" from the request body as JSON."));
        var server = ClientErrorLog.Suppress(logger, context, new InvalidOperationException("boom"));

        Assert.True(client);
        Assert.False(server);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Contains("Client error 400 on PUT /api/v1/business/profile", entry.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    private sealed class Captured : ILogger
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }
}
