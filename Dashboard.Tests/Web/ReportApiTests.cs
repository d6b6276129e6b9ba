using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Demo;
using Dashboard.Jobs.Forecasting;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Services.Reports;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// Capacity reports on the real stack: both audiences are built by the Hangfire job and
/// downloaded; the owner's prices downtime from the MRR, the PM's has no revenue in it; roles and
/// bad input are refused with the right status.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed partial class ReportApiTests(DashboardAppFactory app)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    // Distinctive, so that any trace of it in a PM report is found: $836.5K a month, $1,146 an hour (836,471 / 730).
    private const decimal DistinctMrr = 836_471m;
    private static readonly string[] MrrTraces = ["836,471", "836471", "836.5K", "1,146", "1146"];

    [Fact]
    public async Task Generate_BothAudiences_RankedTableAndChartsInEach_MoneyOnlyInOwners()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        using var pm = app.CreateRawClient(app.For("pm").Token);
        await SetMrrAsync(owner, DistinctMrr);
        await WaitForForecastsAsync(pm);
        var rankingBefore = await RankingAsync(pm);

        var ownerId = await RequestAsync(owner, "owner");
        var pmId = await RequestAsync(pm, "pm");
        var ownerDone = await WaitForReportAsync(owner, ownerId);
        var pmDone = await WaitForReportAsync(pm, pmId);
        var ownerHtml = await DownloadAsync(owner, ownerId, "owner");
        var pmHtml = await DownloadAsync(pm, pmId, "pm");
        var rankingAfter = await RankingAsync(pm);
        // Kept for people to look at (CI artifacts), next to the E2E test's screenshots.
        Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "TestResults", "reports"));
        await File.WriteAllTextAsync(Path.Combine(RepoPaths.Root, "TestResults", "reports", "report-pm.html"), pmHtml);

        Assert.Equal(("Succeeded", 100), (ownerDone.GetProperty("state").GetString(), ownerDone.GetProperty("progress").GetInt32()));
        Assert.Equal(("Succeeded", 100), (pmDone.GetProperty("state").GetString(), pmDone.GetProperty("progress").GetInt32()));
        foreach (var html in new[] { ownerHtml, pmHtml })
        {
            Assert.StartsWith("<!DOCTYPE html>", html.TrimStart());
            Assert.Contains("data-testid=\"report-ranked\"", html);
            // The report ranks like the API: the same series in the same order (as of either side of the build).
            var rows = RankedRows(html);
            Assert.True(Matches(rows, rankingBefore) || Matches(rows, rankingAfter),
                $"report ranking [{string.Join(", ", rows.Take(5))}] differs from the API's [{string.Join(", ", rankingAfter.Take(5))}]");
            Assert.Equal(CapacityReportCollector.ChartCount, Regex.Count(html, "data-testid=\"report-chart\""));
            Assert.Contains("<svg", html);
            Assert.Contains("data-testid=\"forecast-band\"", html);
            // Self-contained: no script, no stylesheet link, nothing fetched from anywhere.
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("@media print", html);
        }
        Assert.Contains("$1,146/h", ownerHtml);
        Assert.Contains("MRR $836.5K", ownerHtml);
        Assert.Contains("data-testid=\"report-money\"", ownerHtml);
        Assert.DoesNotContain("data-testid=\"report-money\"", pmHtml);
        // In the text people read (chart coordinates such as "1,146.2" are not figures).
        var pmText = VisibleText(pmHtml);
        Assert.All(MrrTraces, trace => Assert.DoesNotContain(trace, pmText));
        Assert.Contains("$1,146/h", VisibleText(ownerHtml));
        Assert.DoesNotContain("$", pmHtml);
    }

    [Fact]
    public async Task Collector_ReportsSeveralRisingSteps_AndReadsMoneyOnlyForTheOwner()
    {
        using var pm = app.CreateRawClient(app.For("pm").Token);
        await WaitForForecastsAsync(pm);
        await using var scope = app.Services.CreateAsyncScope();
        var collector = scope.ServiceProvider.GetRequiredService<CapacityReportCollector>();
        var steps = new List<(int Percent, string Step)>();

        var pmReport = await collector.CollectAsync(ReportAudience.Pm, "test", (p, s) => { steps.Add((p, s)); return Task.CompletedTask; }, CancellationToken.None);
        var pmSteps = steps.Count;
        var ownerReport = await collector.CollectAsync(ReportAudience.Owner, "test", (_, _) => Task.CompletedTask, CancellationToken.None);

        Assert.True(pmSteps >= 5, $"only {pmSteps} progress steps");
        Assert.Equal(steps.Select(s => s.Percent).Order().Distinct(), steps.Select(s => s.Percent));
        Assert.All(steps, s => Assert.InRange(s.Percent, 1, 99));
        Assert.All(steps, s => Assert.False(string.IsNullOrWhiteSpace(s.Step)));
        Assert.Null(pmReport.Money);
        Assert.NotNull(ownerReport.Money);
        Assert.NotEmpty(pmReport.Ranked);
        Assert.DoesNotContain(pmReport.Ranked, s => s.Metric == ForecastSeriesIds.ActiveUsers || !s.IsForecasted);
        Assert.NotEmpty(pmReport.Saturation.Lines);
        Assert.All(pmReport.Saturation.Lines, l => Assert.Equal(nameof(MetricCategory.Saturation), MetricCatalog.Default.Get(l.MetricId).Category.ToString()));
    }

    [Theory]
    [InlineData("pm", "owner", HttpStatusCode.Forbidden)]
    [InlineData("engineer", "owner", HttpStatusCode.Forbidden)]
    [InlineData("designer", "pm", HttpStatusCode.Forbidden)]
    [InlineData("designer", "owner", HttpStatusCode.Forbidden)]
    [InlineData("engineer", "pm", HttpStatusCode.Accepted)]
    [InlineData("owner", "pm", HttpStatusCode.Accepted)]
    public async Task Request_ByRole_AllowedOnlyForItsAudiences(string role, string audience, HttpStatusCode expected)
    {
        using var client = app.CreateRawClient(app.For(role).Token);

        var response = await client.PostAsJsonAsync("/api/v1/reports", new { audience });

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Accepted)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal($"/api/v1/reports/{body.GetProperty("reportId").GetGuid()}", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Request_Anonymous_Unauthorized()
    {
        using var anonymous = app.CreateRawClient();

        var response = await anonymous.PostAsJsonAsync("/api/v1/reports", new { audience = "pm" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OwnerReport_ReadByPm_NotFoundForStatusAndDownload_ButOwnerReadsPmReports()
    {
        var ownerReport = await InsertAsync("owner", "Succeeded", "<html>owner</html>");
        var pmReport = await InsertAsync("pm", "Succeeded", "<html>pm</html>");
        using var pm = app.CreateRawClient(app.For("pm").Token);
        using var owner = app.CreateRawClient(app.For("owner").Token);

        Assert.Equal(HttpStatusCode.NotFound, (await pm.GetAsync($"/api/v1/reports/{ownerReport}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pm.GetAsync($"/api/v1/reports/{ownerReport}/download")).StatusCode);
        var list = await pm.GetStringAsync("/api/v1/reports");
        Assert.DoesNotContain(ownerReport.ToString(), list);
        Assert.Contains(pmReport.ToString(), list);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/reports/{pmReport}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/reports/{ownerReport}/download")).StatusCode);
    }

    [Fact]
    public async Task Download_NotFinished_ConflictSayingItsState()
    {
        var queued = await InsertAsync("pm", "Running", null, progress: 40);
        using var pm = app.CreateRawClient(app.For("pm").Token);

        var response = await pm.GetAsync($"/api/v1/reports/{queued}/download");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("running, 40 %", await response.Content.ReadAsStringAsync());
    }

    public static readonly TheoryData<string, string, string> BadRequests = new()
    {
        { """{"audience":"ceo"}""", "audience", "\"ceo\"" },
        { """{"audience":""}""", "audience", "\"owner\" or \"pm\"" },
        { """{}""", "audience", "required" },
        { """{"audience":""", "body", "JSON" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Request_BadAudience_400NamingIt(string json, string field, string mentioned)
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);

        var response = await owner.PostAsync("/api/v1/reports", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains(mentioned, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_WithMoreThanKeptFinished_OldestOfThatAudienceDeletedOthersKept()
    {
        var old = new List<Guid>();
        for (var i = 0; i < ReportBuilder.KeepPerAudience + 2; i++)
        {
            old.Add(await InsertAsync("pm", "Succeeded", "<html>old</html>", requestedAt: DateTimeOffset.UtcNow.AddDays(-30).AddMinutes(i)));
        }
        var ownerOld = await InsertAsync("owner", "Succeeded", "<html>old owner</html>", requestedAt: DateTimeOffset.UtcNow.AddDays(-60));
        using var pm = app.CreateRawClient(app.For("pm").Token);
        await WaitForForecastsAsync(pm);

        var id = await RequestAsync(pm, "pm");
        await WaitForReportAsync(pm, id);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var pmIds = await db.Reports.Where(r => r.Audience == "pm").Select(r => r.Id).ToListAsync();
        Assert.True(pmIds.Count <= ReportBuilder.KeepPerAudience, $"{pmIds.Count} pm reports kept");
        Assert.Contains(id, pmIds);
        Assert.DoesNotContain(old[0], pmIds);
        Assert.DoesNotContain(old[1], pmIds);
        Assert.True(await db.Reports.AnyAsync(r => r.Id == ownerOld));
    }

    private async Task<Guid> InsertAsync(string audience, string state, string? content, int progress = 100, DateTimeOffset? requestedAt = null)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var row = new ReportRow
        {
            Id = Guid.NewGuid(),
            Audience = audience,
            RequestedBy = "test",
            RequestedAt = requestedAt ?? DateTimeOffset.UtcNow,
            State = state,
            Progress = progress,
            Content = content is null ? null : Encoding.UTF8.GetBytes(content),
            ContentType = content is null ? null : ReportRenderer.ContentType,
        };
        db.Reports.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private static async Task SetMrrAsync(HttpClient owner, decimal mrr)
    {
        var response = await owner.PutAsJsonAsync("/api/v1/business/profile",
            new { monthlyRecurringRevenueUsd = mrr, activeUsers = 3_100, monthlyInfraSpendUsd = 2_000, sloTargetPercent = 99.9 });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<Guid> RequestAsync(HttpClient client, string audience)
    {
        var response = await client.PostAsJsonAsync("/api/v1/reports", new { audience });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reportId").GetGuid();
    }

    private static Task<JsonElement> WaitForReportAsync(HttpClient client, Guid id) =>
        Eventually.WaitForAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{id}"),
            r => r.GetProperty("state").GetString() is "Succeeded" or "Failed", JobTimeout, $"report {id} to finish");

    private static async Task<string> DownloadAsync(HttpClient client, Guid id, string audience)
    {
        var response = await client.GetAsync($"/api/v1/reports/{id}/download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith($"capacity-report-{audience}-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    private static Task WaitForForecastsAsync(HttpClient client) =>
        Eventually.WaitForAsync(() => client.GetFromJsonAsync<JsonElement>("/api/v1/forecasts"),
            f => f.GetProperty("forecasts").EnumerateArray().Count(x => x.GetProperty("status").GetString() == "Forecasted"
                                                                         && DemoFleet.Owns(x.GetProperty("metric").GetString()!, x.GetProperty("entity").GetString()!)) >= MetricCatalog.Default.Metrics.Count,
            JobTimeout, "the demo history to be forecast");

    // The API's ranking as the report shows it: forecast series only, active users aside.
    private static async Task<List<string>> RankingAsync(HttpClient client)
    {
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/forecasts");
        return [.. body.GetProperty("forecasts").EnumerateArray()
            .Where(f => f.GetProperty("status").GetString() == "Forecasted" && f.GetProperty("metric").GetString() != ForecastSeriesIds.ActiveUsers)
            .Select(f => $"{f.GetProperty("metric").GetString()}|{f.GetProperty("entity").GetString()}")];
    }

    private static List<string> RankedRows(string html) =>
        [.. RankedRow().Matches(html).Select(m => $"{m.Groups[1].Value}|{WebUtility.HtmlDecode(m.Groups[2].Value)}")];

    private static string VisibleText(string html) =>
        WebUtility.HtmlDecode(Tags().Replace(StyleBlock().Replace(html, " "), " "));

    private static bool Matches(List<string> rows, List<string> ranking) =>
        rows.Count > 0 && rows.SequenceEqual(ranking.Take(rows.Count)) && rows.Count == Math.Min(ranking.Count, Dashboard.Components.Reports.ReportDocument.MaxRankedRows);

    [GeneratedRegex("<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex("data-testid=\"report-ranked-row\" data-metric=\"([^\"]*)\" data-entity=\"([^\"]*)\"")]
    private static partial Regex RankedRow();
}
