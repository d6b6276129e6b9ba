using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// Alert triage on the real stack: a threshold lowered under the live memory reading drives a real
/// alert through pending and firing (the ingest job evaluates it with the Domain state machine every
/// 15 s); it is acknowledged and silenced (the silence checked in the real Alertmanager), Alertmanager's
/// own alerts are merged in, an Alertmanager outage shows as stale while the dashboard's alerts stay,
/// and every bad input or role is refused with the field or reason named.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class AlertApiTests(DashboardAppFactory app)
{
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromMinutes(2);
    private const int SustainedSeconds = 45;

    private static async Task<JsonElement> ReportAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts");

    private static IEnumerable<JsonElement> Alerts(JsonElement report) => report.GetProperty("alerts").EnumerateArray();

    private static Func<JsonElement, bool> Is(string source, string metric, string severity, params string[] states) => a =>
        a.GetProperty("source").GetString() == source && a.GetProperty("metric").GetString() == metric
        && a.GetProperty("severity").GetString() == severity && states.Contains(a.GetProperty("state").GetString());

    private static async Task<JsonElement> WaitForAlertAsync(HttpClient client, Func<JsonElement, bool> match, string what) =>
        Alerts(await Eventually.WaitForAsync(() => ReportAsync(client), r => Alerts(r).Any(match), AlertTimeout, what)).First(match);

    private static async Task<JsonElement> AlertmanagerSilenceAsync(string id)
    {
        using var http = new HttpClient { BaseAddress = new Uri(TestStack.Current.AlertmanagerUrl) };
        return await http.GetFromJsonAsync<JsonElement>($"/api/v2/silence/{id}");
    }

    [Fact]
    public async Task MemoryOverLoweredThreshold_PendingThenFiring_AckedSilencedInAlertmanager_AlertmanagerOutageShownStale()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        try
        {
            var lowered = await engineer.PutAsJsonAsync($"/api/v1/thresholds/{MetricIds.Memory}", new { warning = 1, critical = 100, sustainedForSeconds = SustainedSeconds });
            Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);

            // First sighting: pending (it cannot fire before the sustained window has passed).
            var pending = await WaitForAlertAsync(engineer, Is("dashboard", MetricIds.Memory, "Warning", "Pending", "Firing"), "a memory warning alert");
            Assert.Equal("Pending", pending.GetProperty("state").GetString());
            Assert.Equal(1, pending.GetProperty("warning").GetDouble());
            Assert.True(pending.GetProperty("value").GetDouble() > 1);
            Assert.Equal("%", pending.GetProperty("unit").GetString());
            Assert.Equal("Find what holds the memory, then scale up", pending.GetProperty("runbook").GetProperty("title").GetString());
            var id = pending.GetProperty("id").GetInt64();

            var firing = await WaitForAlertAsync(engineer, a => a.GetProperty("id").GetInt64() == id && a.GetProperty("state").GetString() == "Firing", "the memory alert firing");
            var held = firing.GetProperty("firingSince").GetDateTimeOffset() - firing.GetProperty("pendingSince").GetDateTimeOffset();
            Assert.True(held >= TimeSpan.FromSeconds(SustainedSeconds), $"fired after {held.TotalSeconds} s, sustained-for is {SustainedSeconds} s");

            var ack = await engineer.PostAsJsonAsync($"/api/v1/alerts/{id}/ack", new { note = "looking at the cache sizes" });
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            var acked = Alerts(await ReportAsync(engineer)).Single(a => a.GetProperty("id").GetInt64() == id).GetProperty("acknowledgement");
            Assert.Equal("engineer@demo.local", acked.GetProperty("by").GetString());
            Assert.Equal("looking at the cache sizes", acked.GetProperty("note").GetString());

            var until = DateTimeOffset.UtcNow.AddHours(2);
            var silence = await engineer.PostAsJsonAsync($"/api/v1/alerts/{id}/silence", new { until, reason = "known: load test in progress" });
            var silenced = (await silence.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alert").GetProperty("silence");
            Assert.Equal(HttpStatusCode.OK, silence.StatusCode);
            Assert.Equal("known: load test in progress", silenced.GetProperty("reason").GetString());
            var silenceId = silenced.GetProperty("alertmanagerSilenceId").GetString()!;
            var inAlertmanager = await AlertmanagerSilenceAsync(silenceId);
            Assert.Equal("active", inAlertmanager.GetProperty("status").GetProperty("state").GetString());
            Assert.Equal("engineer@demo.local", inAlertmanager.GetProperty("createdBy").GetString());
            Assert.Contains(inAlertmanager.GetProperty("matchers").EnumerateArray(), m => m.GetProperty("name").GetString() == "metric" && m.GetProperty("value").GetString() == MetricIds.Memory);

            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
            {
                var audit = await db.AuditLog.Where(a => a.Subject.StartsWith($"alert {id} ")).OrderBy(a => a.Id).ToListAsync();
                Assert.Equal(["alert.ack", "alert.silence"], audit.Select(a => a.Action));
                Assert.All(audit, a => Assert.Equal("engineer@demo.local", a.Actor));
                Assert.Contains(silenceId, audit[1].Details);
            }

            await StackControl.StopAsync("alertmanager");
            try
            {
                var outage = await Eventually.WaitForAsync(() => ReportAsync(engineer),
                    r => r.GetProperty("alertmanager").GetProperty("state").GetString() == "stale", AlertTimeout, "Alertmanager shown stale");
                Assert.Contains("Alertmanager", outage.GetProperty("alertmanager").GetProperty("error").GetString());
                Assert.True(outage.GetProperty("alertmanager").TryGetProperty("staleSince", out _));
                Assert.Contains(Alerts(outage), a => a.GetProperty("id").GetInt64() == id && a.GetProperty("state").GetString() == "Firing");
            }
            finally
            {
                await StackControl.StartAsync("alertmanager");
            }

            var ended = await engineer.DeleteAsync($"/api/v1/alerts/{id}/silence");
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            Assert.Equal("expired", (await AlertmanagerSilenceAsync(silenceId)).GetProperty("status").GetProperty("state").GetString());
            Assert.False(Alerts(await ReportAsync(engineer)).Single(a => a.GetProperty("id").GetInt64() == id).TryGetProperty("silence", out _));
        }
        finally
        {
            await engineer.DeleteAsync($"/api/v1/thresholds/{MetricIds.Memory}");
        }
    }

    [Fact]
    public async Task AlertmanagerAlert_MergedIntoTriage_SilencedByItsLabels_ResolvedWhenItEnds()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        using var alertmanager = new HttpClient { BaseAddress = new Uri(TestStack.Current.AlertmanagerUrl) };
        var instance = "triage-test-" + Guid.NewGuid().ToString("N")[..8];
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-2);
        object Alert(DateTimeOffset endsAt) => new[]
        {
            new
            {
                labels = new Dictionary<string, string> { ["alertname"] = "TriageTestDiskFull", ["severity"] = "critical", ["instance"] = instance },
                annotations = new Dictionary<string, string> { ["summary"] = "Disk almost full on " + instance },
                startsAt,
                endsAt,
            },
        };
        Assert.True((await alertmanager.PostAsJsonAsync("/api/v2/alerts", Alert(DateTimeOffset.UtcNow.AddMinutes(30)))).IsSuccessStatusCode);
        bool Ours(JsonElement a) => a.GetProperty("source").GetString() == "alertmanager" && a.GetProperty("entity").GetString()!.Contains(instance, StringComparison.Ordinal);

        var merged = await WaitForAlertAsync(owner, a => Ours(a) && a.GetProperty("state").GetString() == "Firing", "the Alertmanager alert in triage");
        Assert.Equal("Critical", merged.GetProperty("severity").GetString());
        Assert.Equal("TriageTestDiskFull", merged.GetProperty("name").GetString());
        Assert.Equal("Disk almost full on " + instance, merged.GetProperty("summary").GetString());
        Assert.Equal(startsAt.ToUnixTimeSeconds(), merged.GetProperty("firingSince").GetDateTimeOffset().ToUnixTimeSeconds());
        var id = merged.GetProperty("id").GetInt64();

        var silence = await owner.PostAsJsonAsync($"/api/v1/alerts/{id}/silence", new { until = DateTimeOffset.UtcNow.AddMinutes(30), reason = "disk being resized" });
        var silenceId = (await silence.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alert").GetProperty("silence").GetProperty("alertmanagerSilenceId").GetString()!;
        var matchers = (await AlertmanagerSilenceAsync(silenceId)).GetProperty("matchers").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["alertname"] = "TriageTestDiskFull", ["instance"] = instance, ["severity"] = "critical" }, matchers);
        await WaitForAlertAsync(owner, a => Ours(a) && a.GetProperty("silencedInAlertmanager").GetBoolean(), "Alertmanager reporting the alert silenced");

        Assert.True((await alertmanager.PostAsJsonAsync("/api/v2/alerts", Alert(DateTimeOffset.UtcNow))).IsSuccessStatusCode);
        var resolved = await WaitForAlertAsync(owner, a => Ours(a) && a.GetProperty("state").GetString() == "Resolved", "the ended Alertmanager alert resolved");
        Assert.True(resolved.TryGetProperty("resolvedAt", out _));
        await owner.DeleteAsync($"/api/v1/alerts/{id}/silence");
    }

    public static readonly TheoryData<string, string, string> BadSilences = new()
    {
        { """{"until":"2001-01-01T00:00:00Z","reason":"x"}""", "until", "in the future" },
        { """{"reason":"x"}""", "until", "required" },
        { """{"until":"2999-01-01T00:00:00Z","reason":"x"}""", "until", "at most 7 days" },
        { """{"until":"%IN_AN_HOUR%","reason":"  "}""", "reason", "required" },
    };

    [Theory]
    [MemberData(nameof(BadSilences))]
    public async Task Silence_BadInput_400NamingTheField(string json, string field, string mentioned)
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var id = await AnyAlertIdAsync();
        var body = json.Replace("%IN_AN_HOUR%", DateTimeOffset.UtcNow.AddHours(1).ToString("O"), StringComparison.Ordinal);

        var response = await engineer.PostAsync($"/api/v1/alerts/{id}/silence", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem.GetProperty("errors").GetProperty(field).EnumerateArray(), m => m.GetString()!.Contains(mentioned, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Silence_ReasonWithNul_400NamingReason_NothingInAlertmanager()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var id = await AnyAlertIdAsync();
        var marker = "nul-test-" + Guid.NewGuid().ToString("N");

        var response = await engineer.PostAsJsonAsync($"/api/v1/alerts/{id}/silence", new { until = DateTimeOffset.UtcNow.AddHours(1), reason = marker + "\u0000" });
        var note = await engineer.PostAsJsonAsync($"/api/v1/alerts/{id}/ack", new { note = "bell\u0007" });
        using var alertmanager = new HttpClient { BaseAddress = new Uri(TestStack.Current.AlertmanagerUrl) };
        var silences = await alertmanager.GetFromJsonAsync<JsonElement>("/api/v2/silences");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("U+0000", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, note.StatusCode);
        Assert.Contains("U+0007", (await note.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("note")[0].GetString());
        Assert.DoesNotContain(silences.EnumerateArray(), s => s.GetProperty("comment").GetString()!.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ack_NoteTooLong_400NamingNote_UnknownAlert_404()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var id = await AnyAlertIdAsync();

        var tooLong = await engineer.PostAsJsonAsync($"/api/v1/alerts/{id}/ack", new { note = new string('x', 501) });
        var missing = await engineer.PostAsJsonAsync("/api/v1/alerts/999999999/ack", new { note = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("note", out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("999999999", await missing.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("pm")]
    [InlineData("designer")]
    public async Task Alerts_RolesWithoutTheEngineerView_Forbidden(string role)
    {
        using var client = app.CreateRawClient(app.For(role).Token);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/alerts/1/ack", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/alerts/1/silence", new { reason = "x" })).StatusCode);
    }

    [Fact]
    public async Task Alerts_Anonymous_Unauthorized()
    {
        using var anonymous = app.CreateRawClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/alerts/1/ack", new { })).StatusCode);
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("engineer")]
    public async Task Alerts_OwnerAndEngineer_ReportWithSources(string role)
    {
        using var client = app.CreateRawClient(app.For(role).Token);

        var report = await ReportAsync(client);

        Assert.Equal("alertmanager", report.GetProperty("alertmanager").GetProperty("name").GetString());
        Assert.Equal("prometheus", report.GetProperty("evaluation").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Array, report.GetProperty("alerts").ValueKind);
    }

    /// <summary>
    /// An alert row to send bad input to (validation runs before anything looks at the alert): resolved two
    /// days ago, so triage never shows it and the next ingest passes leave it alone.
    /// </summary>
    private async Task<long> AnyAlertIdAsync()
    {
        const string entity = "validation-test";
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        if (await db.Alerts.FirstOrDefaultAsync(a => a.Entity == entity) is { } existing)
        {
            return existing.Id;
        }
        var longAgo = DateTimeOffset.UtcNow.AddDays(-2);
        var row = new Jobs.Storage.Entities.AlertRow
        {
            Source = Jobs.Storage.Entities.AlertRow.DashboardSource,
            Metric = MetricIds.QueueDepth,
            Entity = entity,
            Severity = "Warning",
            State = "Resolved",
            FiringSince = longAgo.AddHours(-1),
            ResolvedAt = longAgo,
            UpdatedAt = longAgo,
        };
        db.Alerts.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }
}
