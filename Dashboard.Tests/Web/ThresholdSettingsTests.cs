using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>Threshold overrides: validated by the Domain's rules, audited, read back at once, reset to defaults.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ThresholdSettingsTests(DashboardAppFactory app)
{
    public static readonly TheoryData<string, string, string> BadBodies = new()
    {
        { """{"warning":95,"critical":80}""", "critical", "must be at or above warning" },
        { """{"critical":80}""", "warning", "warning level is required" },
        { """{"warning":70,"critical":150}""", "critical", "percentages between 0 and 100, not 150" },
        { """{"warning":-1,"critical":90}""", "warning", "percentages between 0 and 100, not -1" },
        { """{"warning":70,"critical":90,"sustainedForSeconds":-5}""", "sustainedForSeconds", "cannot be negative (-5 s)" },
        { """{"warning":70,"critical":90,"sustainedForSeconds":90000}""", "sustainedForSeconds", "at most one day (86,400 s), not 90,000 s" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Put_BadLevels_400NamingFieldAndPreviousLevelsStay(string json, string field, string mentioned)
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var before = await Cpu(engineer);

        var response = await engineer.PutAsync($"/api/v1/thresholds/{MetricIds.Cpu}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem.GetProperty("errors").GetProperty(field).EnumerateArray(), m => m.GetString()!.Contains(mentioned, StringComparison.Ordinal));
        Assert.Equal(before.GetRawText(), (await Cpu(engineer)).GetRawText());
    }

    [Fact]
    public async Task Put_UnknownMetric_404NamingIt()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var response = await engineer.PutAsJsonAsync("/api/v1/thresholds/no_such_metric", new { warning = 1, critical = 2 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no_such_metric", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("pm")]
    [InlineData("designer")]
    public async Task Put_RoleWithoutSettings_Forbidden(string role)
    {
        using var client = app.CreateRawClient(app.For(role).Token);

        var response = await client.PutAsJsonAsync($"/api/v1/thresholds/{MetricIds.Cpu}", new { warning = 60, critical = 85 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PutThenDelete_OverrideReadBackAuditedThenDefaultAgain()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        try
        {
            var saved = await engineer.PutAsJsonAsync($"/api/v1/thresholds/{MetricIds.Cpu}", new { warning = 60, critical = 85, sustainedForSeconds = 120 });
            var cpu = await Cpu(engineer);

            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal(60, cpu.GetProperty("warning").GetDouble());
            Assert.Equal(85, cpu.GetProperty("critical").GetDouble());
            Assert.Equal(120, cpu.GetProperty("sustainedForSeconds").GetInt32());
            Assert.True(cpu.GetProperty("isOverridden").GetBoolean());
            Assert.Equal("engineer@demo.local", cpu.GetProperty("updatedBy").GetString());

            await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            var audit = await db.AuditLog.Where(a => a.Subject == MetricIds.Cpu && a.Action == "threshold.override").OrderByDescending(a => a.At).FirstAsync();
            Assert.Equal("engineer@demo.local", audit.Actor);
            Assert.Contains("warning 60, critical 85, sustained 120 s", audit.Details);
        }
        finally
        {
            var reset = await engineer.DeleteAsync($"/api/v1/thresholds/{MetricIds.Cpu}");
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }
        var after = await Cpu(engineer);
        Assert.Equal(70, after.GetProperty("warning").GetDouble());
        Assert.Equal(90, after.GetProperty("critical").GetDouble());
        Assert.False(after.GetProperty("isOverridden").GetBoolean());
    }

    private static async Task<JsonElement> Cpu(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/catalog")).EnumerateArray().Single(m => m.GetProperty("metricId").GetString() == MetricIds.Cpu);
}
