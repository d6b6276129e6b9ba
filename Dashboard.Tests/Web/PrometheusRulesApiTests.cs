using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Domain.Catalog;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Rules;

namespace Dashboard.Tests.Web;

/// <summary>GET /api/v1/rules/prometheus on the real app: a YAML download for owners and engineers, built from the thresholds and SLO in force.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class PrometheusRulesApiTests(DashboardAppFactory app)
{
    private const string Route = "/api/v1/rules/prometheus";
    private const string FileName = "dashboard-rules.yml";

    [Theory]
    [InlineData("engineer")]
    [InlineData("owner")]
    public async Task Get_EngineerOrOwner_YamlAttachmentWithEveryCatalogResource(string role)
    {
        using var client = app.CreateRawClient(app.For(role).Token);

        var response = await client.GetAsync(Route);
        var yaml = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role}: {(int)response.StatusCode} {yaml}");
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(FileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var rules = ParsedRules.Parse(yaml);
        Assert.Equal(MetricCatalog.Default.Metrics.Select(m => $"dashboard:resource:{m.Id}"),
            rules["dashboard-resources"].Rules.Where(r => r.Record is not null).Select(r => r.Record));
        Assert.Contains(rules["dashboard-slo-availability"].Rules, r => r.Record == "dashboard:slo_errors:ratio_rate3d");
        var check = await Promtool.RunAsync(new Dictionary<string, string> { [FileName] = yaml }, "check", "rules", FileName);
        Assert.True(check.ExitCode == 0, $"promtool check rules on the download exited {check.ExitCode}:\n{check.Output}");
    }

    [Fact]
    public async Task Get_PmAndDesigner_Forbidden()
    {
        foreach (var role in new[] { "pm", "designer" })
        {
            using var client = app.CreateRawClient(app.For(role).Token);

            var response = await client.GetAsync(Route);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden && response.Content.Headers.ContentType?.MediaType != "application/yaml",
                $"{role}: expected 403 without rules, got {(int)response.StatusCode} {response.Content.Headers.ContentType}");
        }
    }

    [Fact]
    public async Task Get_AfterThresholdOverrideAndSloChange_RulesUseTheLevelsAndObjectiveInForce()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var profile = await owner.GetStringAsync("/api/v1/business/profile");
        try
        {
            var lowered = await engineer.PutAsJsonAsync($"/api/v1/thresholds/{MetricIds.Disk}", new { warning = 61, critical = 83, sustainedForSeconds = 600 });
            var changed = JsonNode.Parse(profile)!;
            changed["sloTargetPercent"] = 99.95;
            var slo = await owner.PutAsync("/api/v1/business/profile", new StringContent(changed.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.True(lowered.IsSuccessStatusCode && slo.IsSuccessStatusCode,
                $"threshold {(int)lowered.StatusCode} {await lowered.Content.ReadAsStringAsync()}; profile {(int)slo.StatusCode} {await slo.Content.ReadAsStringAsync()}");

            var rules = ParsedRules.Parse(await engineer.GetStringAsync(Route));

            var disk = rules["dashboard-resources"].Rules.Where(r => r.Alert == "DashboardDiskHigh").ToDictionary(r => r.Labels["severity"]);
            Assert.Equal(("dashboard:resource:disk > 61", "10m"), (disk["warning"].Expr, disk["warning"].For));
            Assert.Equal(("dashboard:resource:disk > 83", "10m"), (disk["critical"].Expr, disk["critical"].For));
            Assert.All(rules["dashboard-slo-availability"].Rules.Where(r => r.Alert is not null),
                r => Assert.Contains("* (1 - 0.9995))", r.Expr, StringComparison.Ordinal));
        }
        finally
        {
            await engineer.DeleteAsync($"/api/v1/thresholds/{MetricIds.Disk}");
            await owner.PutAsync("/api/v1/business/profile", new StringContent(profile, Encoding.UTF8, "application/json"));
        }
    }
}
