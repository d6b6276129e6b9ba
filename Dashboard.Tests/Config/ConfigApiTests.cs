using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Config;

/// <summary>
/// Configuration as code on the real stack: an export imported again leaves the stored state as it was (and puts it
/// back after changes), a broken document names line and field and changes nothing, a dry run changes nothing,
/// secrets never leave, revenue is the owner's, and only owners and engineers may export or import.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ConfigApiTests(DashboardAppFactory app)
{
    private const string Export = "/api/v1/config/export";
    private const string Import = "/api/v1/config/import";
    private const string Custom = "test_cfg_capacity";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // A user-defined resource with a capacity query, and every optional field set.
    private static ResourceDraft CustomDraft(double warning) =>
        TestResources.PrometheusMemory("Prometheus memory (config test)", warning, 95, "created by ConfigApiTests: usage / capacity # not a comment")
        with { SustainedForSeconds = 120, LoadModel = "Growth" };

    [Fact]
    public async Task ExportThenImport_LeavesStateAsItWas_AndPutsItBackAfterChanges()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var original = await owner.GetStringAsync(Export);
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await owner.PutAsJsonAsync($"/api/v1/resources/{Custom}", CustomDraft(80))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync("/api/v1/resources/memory",
                new { warning = 71.5, critical = 88, sustainedForSeconds = 90, entityLabel = "instance", note = "set by ConfigApiTests" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync("/api/v1/business/profile",
                new { monthlyRecurringRevenueUsd = 123_456.78m, activeUsers = 4321, monthlyInfraSpendUsd = 987.65m, sloTargetPercent = 99.95m, conversionBaselineLatencyMs = 750, revenuePerConversionUsd = 12.5m })).StatusCode);
            var before = await StoredAsync();

            var exported = await owner.GetAsync(Export);
            Assert.Equal("application/yaml", exported.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", exported.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("dashboard-config.yml", exported.Content.Headers.ContentDisposition?.FileNameStar ?? exported.Content.Headers.ContentDisposition?.FileName);
            var yaml = await exported.Content.ReadAsStringAsync();
            Assert.Contains("capacityQuery: node_memory_MemTotal_bytes{job=\"node\"}", yaml, StringComparison.Ordinal);
            Assert.Contains("monthlyRecurringRevenueUsd: 123456.78", yaml, StringComparison.Ordinal);

            // Importing what was just exported changes nothing.
            var same = await ImportAsync(owner, yaml);
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
            var unchanged = await same.Content.ReadFromJsonAsync<JsonElement>();
            foreach (var part in new[] { "created", "updated", "deleted", "businessChanged", "sourcesChanged", "warnings" })
            {
                Assert.True(unchanged.GetProperty(part).GetArrayLength() == 0, $"{part}: {unchanged}");
            }
            Assert.Equal(before, await StoredAsync());

            // Change everything the document holds, then import it again: the state is as it was.
            Assert.Equal(HttpStatusCode.OK, (await owner.DeleteAsync($"/api/v1/resources/{Custom}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync("/api/v1/resources/memory", new { warning = 60, critical = 70 })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync("/api/v1/business/profile",
                new { monthlyRecurringRevenueUsd = 1m, activeUsers = 1, monthlyInfraSpendUsd = 1m, sloTargetPercent = 99m })).StatusCode);
            Assert.NotEqual(before, await StoredAsync());

            var restored = await ImportAsync(owner, yaml);

            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
            var summary = await restored.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal([Custom], summary.GetProperty("created").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["memory"], summary.GetProperty("updated").EnumerateArray().Select(e => e.GetString()));
            Assert.Contains("SLO target", summary.GetProperty("businessChanged").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(before, await StoredAsync());
            // Served from the written-through catalog at once.
            var resource = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/resources/{Custom}");
            Assert.Equal("node_memory_MemTotal_bytes{job=\"node\"}", resource.GetProperty("capacityQuery").GetString());
            await using var db = await Db();
            var audit = await db.AuditLog.Where(a => a.Action == "config.import").OrderByDescending(a => a.Id).FirstAsync();
            Assert.Contains($"1 created ({Custom}), 1 updated (memory)", audit.Details, StringComparison.Ordinal);
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "resource.create" && a.Subject == Custom && a.At == audit.At && a.Actor == audit.Actor));
        }
        finally
        {
            await ImportAsync(owner, original.Replace("kind: DashboardConfig\n", "kind: DashboardConfig\nprune: true\n", StringComparison.Ordinal));
        }
    }

    public static readonly TheoryData<string, string, string, string> Breakages = new()
    {
        // name, text replaced, replacement, the problem expected ("line N, field: ...")
        { "syntax error", "    critical: 95\n", "   critical: 95\n", "line 10, column 4: YAML syntax error" },
        { "wrong type", "    warning: 80\n", "    warning: high\n", "line 9, resources[0].warning: expected a number, but found 'high'." },
        { "unknown key", "    note: new\n", "    notes: new\n", "line 13, resources[0].notes: unknown key 'notes'" },
        { "critical below warning", "    critical: 95\n", "    critical: 50\n", "line 10, resources[0].critical: critical (50) must be at or above warning (80)" },
        { "Prometheus rejects the query", "    usageQuery: vector(1)\n", "    usageQuery: sum(rate(up[5m])\n", "line 11, resources[0].usageQuery: usageQuery: Prometheus rejected it" },
    };

    private const string Valid = """
        apiVersion: dashboard/v1
        kind: DashboardConfig
        resources:
          - id: test_cfg_new
            name: Config test
            category: Queue
            unit: count
            direction: AboveIsBad
            warning: 80
            critical: 95
            usageQuery: vector(1)
            entityLabel: instance
            note: new
          - id: cpu
            warning: 11
            critical: 12
        slo:
          targetPercent: 99.1
        """;

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task BrokenDocument_NamesLineAndField_AndChangesNothing(string name, string find, string replace, string expected)
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var text = Valid + "\n";
        Assert.Contains(find, text, StringComparison.Ordinal);
        // Control: the document without the breakage is valid and would change things.
        var control = await (await ImportAsync(owner, text, dryRun: true)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["test_cfg_new"], control.GetProperty("created").EnumerateArray().Select(e => e.GetString()));
        var before = await StoredAsync();
        var audits = await AuditRowsAsync();

        var response = await ImportAsync(owner, text.Replace(find, replace, StringComparison.Ordinal));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, name);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.StartsWith(expected, StringComparison.Ordinal));
        Assert.Contains("nothing was changed", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("problems")[0].GetProperty("line").GetInt32() > 0);
        Assert.Equal(before, await StoredAsync());
        Assert.Equal(audits, await AuditRowsAsync());
    }

    [Fact]
    public async Task DryRun_ReportsWhatWouldChange_AndChangesNothing()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        using var owner = app.CreateRawClient(app.For("owner").Token);
        Assert.Equal(HttpStatusCode.Created, (await owner.PutAsJsonAsync($"/api/v1/resources/{Custom}", CustomDraft(80))).StatusCode);
        try
        {
            var before = await StoredAsync();
            var audits = await AuditRowsAsync();
            var text = (Valid + "\n").Replace("kind: DashboardConfig\n", "kind: DashboardConfig\nprune: true\n", StringComparison.Ordinal)
                .Replace("slo:\n  targetPercent: 99.1\n", "", StringComparison.Ordinal);

            var response = await ImportAsync(engineer, text, dryRun: true);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(summary.GetProperty("dryRun").GetBoolean());
            Assert.Equal(["test_cfg_new"], summary.GetProperty("created").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["cpu"], summary.GetProperty("updated").EnumerateArray().Select(e => e.GetString()));
            Assert.Contains(Custom, summary.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(before, await StoredAsync());
            Assert.Equal(audits, await AuditRowsAsync());
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/resources/{Custom}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/api/v1/resources/test_cfg_new")).StatusCode);
        }
        finally
        {
            await owner.DeleteAsync($"/api/v1/resources/{Custom}");
        }
    }

    [Fact]
    public async Task Secrets_NeverLeaveInAnExport_AndAreKeptOnlyWhileTheOriginStays()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var stack = TestStack.Current;
        var scrapeUrl = $"http://127.0.0.1:{stack.NodeExporterPort}/metrics";
        const string promToken = "cfg-secret-prometheus-7f3a";
        const string scrapeToken = "cfg-secret-scrape-91bc";
        const string pgPassword = "cfg-secret-postgres-44d0";
        try
        {
            var saved = await owner.PutAsJsonAsync("/api/v1/settings/sources", new
            {
                prometheus = new { bearerToken = new { value = promToken } },
                scrapeTargets = new[] { new { name = "cfg-test", url = scrapeUrl, bearerToken = new { value = scrapeToken } } },
                postgres = new[] { new { name = "cfg-db", connectionString = $"Host=127.0.0.1;Port={stack.PrimaryPort};Database=postgres;Username=cfg_monitor", password = new { value = pgPassword } } },
            });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

            var yaml = await owner.GetStringAsync(Export);

            Assert.Contains($"url: {scrapeUrl}", yaml, StringComparison.Ordinal);
            Assert.Contains("Username=cfg_monitor", yaml, StringComparison.Ordinal);
            foreach (var secret in new[] { promToken, scrapeToken, pgPassword, "Password=", "bearerToken", "password:" })
            {
                Assert.DoesNotContain(secret, yaml, StringComparison.OrdinalIgnoreCase);
            }

            // The same origins: every stored secret stays.
            Assert.Equal(HttpStatusCode.OK, (await ImportAsync(owner, yaml)).StatusCode);
            var view = await owner.GetFromJsonAsync<JsonElement>("/api/v1/settings/sources");
            Assert.Equal("set", view.GetProperty("prometheus").GetProperty("bearerToken").GetString());
            Assert.Equal("set", view.GetProperty("scrapeTargets")[0].GetProperty("bearerToken").GetString());
            Assert.Equal("set", view.GetProperty("postgres")[0].GetProperty("password").GetString());

            // The scrape target moves to another host: its token is not sent there, and the import says so.
            var moved = await ImportAsync(owner, yaml.Replace(scrapeUrl, $"http://localhost:{stack.NodeExporterPort}/metrics", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            var warning = Assert.Single((await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").EnumerateArray()).GetString()!;
            Assert.Matches(@"^line \d+, sources\.scrapeTargets\[0\]\.url: the origin changes from http://127\.0\.0\.1:\d+ to http://localhost:\d+", warning);
            view = await owner.GetFromJsonAsync<JsonElement>("/api/v1/settings/sources");
            Assert.Equal("not set", view.GetProperty("scrapeTargets")[0].GetProperty("bearerToken").GetString());
            Assert.Equal("set", view.GetProperty("prometheus").GetProperty("bearerToken").GetString());
            await using var db = await Db();
            Assert.DoesNotContain(await db.AuditLog.Select(a => a.Details).ToListAsync(), d => d.Contains(promToken) || d.Contains(scrapeToken) || d.Contains(pgPassword));
        }
        finally
        {
            var cleared = await owner.PutAsJsonAsync("/api/v1/settings/sources", new
            {
                prometheus = new { bearerToken = new { clear = true } },
                scrapeTargets = Array.Empty<object>(),
                postgres = Array.Empty<object>(),
            });
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        }
    }

    [Fact]
    public async Task Revenue_IsTheOwners_AndEngineersReimportTheirExportUnchanged()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var ownerYaml = await owner.GetStringAsync(Export);
        var engineerYaml = await engineer.GetStringAsync(Export);

        Assert.Contains("monthlyRecurringRevenueUsd:", ownerYaml, StringComparison.Ordinal);
        Assert.DoesNotContain("monthlyRecurringRevenueUsd", engineerYaml, StringComparison.Ordinal);
        Assert.DoesNotContain("revenuePerConversionUsd", engineerYaml, StringComparison.Ordinal);
        Assert.Contains("targetPercent:", engineerYaml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(engineer, engineerYaml)).StatusCode);

        var before = await StoredAsync();
        var withRevenue = await ImportAsync(engineer, ownerYaml);
        var sloChanged = await ImportAsync(engineer, SloTo(engineerYaml, "98.5"));

        Assert.Equal(HttpStatusCode.BadRequest, withRevenue.StatusCode);
        Assert.Matches(@"line \d+, business\.monthlyRecurringRevenueUsd: revenue figures are for owners only", await withRevenue.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, sloChanged.StatusCode);
        Assert.Matches(@"line \d+, slo\.targetPercent: only an owner may change", await sloChanged.Content.ReadAsStringAsync());
        Assert.Equal(before, await StoredAsync());
    }

    [Theory]
    [InlineData("pm")]
    [InlineData("designer")]
    public async Task ProductAndDesign_AreRefused(string role)
    {
        using var client = app.CreateRawClient(app.For(role).Token);
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var yaml = await owner.GetStringAsync(Export);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Export)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(client, yaml)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(owner, yaml, dryRun: true)).StatusCode);
    }

    [Fact]
    public async Task WrongContentType_AndOversizedBody_AreRefusedBeforeReading()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);

        var json = await owner.PostAsync(Import, new StringContent("{}", Encoding.UTF8, "application/json"));
        var huge = await owner.PostAsync(Import, new StringContent("# " + new string('x', 1024 * 1024) + "\n", Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    private static string SloTo(string yaml, string value) =>
        System.Text.RegularExpressions.Regex.Replace(yaml, @"targetPercent: [0-9.]+", $"targetPercent: {value}");

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string yaml, bool dryRun = false) =>
        client.PostAsync(dryRun ? $"{Import}?dryRun=true" : Import, new StringContent(yaml, Encoding.UTF8, "application/yaml"));

    private Task<DashboardDbContext> Db() =>
        app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    private async Task<int> AuditRowsAsync()
    {
        await using var db = await Db();
        return await db.AuditLog.CountAsync();
    }

    /// <summary>What an import may change, as stored on the primary: resources, the business profile, the source settings rows.</summary>
    private async Task<string> StoredAsync()
    {
        await using var db = await Db();
        var resources = (await db.MetricSettings.AsNoTracking().ToListAsync())
            .OrderBy(r => r.MetricId, StringComparer.Ordinal)
            .Select(r => new { Draft = ResourceRows.ToDraft(r), r.IsBuiltIn });
        var p = await db.BusinessProfiles.AsNoTracking().SingleAsync();
        var business = new { p.MonthlyRecurringRevenueUsd, p.ActiveUsers, p.MonthlyInfraSpendUsd, p.SloTargetPercent, p.ConversionBaselineLatencyMs, p.RevenuePerConversionUsd };
        var sources = (await db.SourceSettings.AsNoTracking().ToListAsync()).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new { s.Key, s.IsSecret, s.Value });
        return JsonSerializer.Serialize(new { resources, business, sources }, Indented);
    }
}
