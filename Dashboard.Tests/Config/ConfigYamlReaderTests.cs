using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Services.Config;

namespace Dashboard.Tests.Config;

/// <summary>Reading and checking a configuration document without any service: every problem names its line and field.</summary>
public sealed class ConfigYamlReaderTests
{
    private static readonly ConfigDocument Sample = new()
    {
        Resources =
        [
            new ResourceDraft { Id = MetricIds.Cpu, Warning = 75, Critical = 92.5, SustainedForSeconds = 600, EntityLabel = "instance", UsageQuery = "100 * (1 - avg by (instance) (\n  rate(node_cpu_seconds_total{mode=\"idle\"}[5m])))", Note = "owner: platform # team" },
            new ResourceDraft
            {
                Id = "redis_memory", Name = "Redis memory", Category = "Saturation", Unit = MetricUnits.Bytes, Direction = "AboveIsBad",
                Warning = 80, Critical = 90, UsageQuery = "redis_memory_used_bytes", CapacityQuery = "redis_memory_max_bytes",
                EntityLabel = "instance", Note = "80", LoadModel = "Growth",
            },
            new ResourceDraft { Id = "odd_text", Name = "null", Category = "Queue", Unit = MetricUnits.Count, Direction = "BelowIsBad", Warning = 1e-3, Critical = -1e15, UsageQuery = "vector(1)\r\n", Note = "true" },
        ],
        Slo = new SloSection(99.95m),
        Business = new BusinessSection { ActiveUsers = 12_000, MonthlyInfraSpendUsd = 4_200.5m, ConversionBaselineLatencyMs = 800, Revenue = new RevenueFigures(50_000m, null) },
        Sources = new SourcesSection
        {
            Prometheus = new PrometheusSection { Url = "http://prom:9090", TimeoutSeconds = 12.5, MaxRetries = 3, BasicAuthUser = "" },
            Alertmanager = new AlertmanagerSection { Url = "", TimeoutSeconds = 10 },
            ScrapeTargets = [new ScrapeTargetEntry("app", "http://app:8080/metrics")],
            Postgres = [new PostgresTargetEntry("orders", "Host=db;Port=5433;Database=orders;Username=monitor")],
        },
    };

    [Fact]
    public void WrittenDocument_ReadsBack_ToTheSameDocument()
    {
        var text = ConfigYamlWriter.Write(Sample, ["a comment"]);

        var read = ConfigYamlReader.Read(text);

        Assert.Empty(ConfigDocumentRules.Check(read));
        var doc = read.Document!;
        Assert.Equal(Sample.Resources, doc.Resources);
        Assert.Equal(Sample.Slo, doc.Slo);
        Assert.Equal(Sample.Business, doc.Business);
        Assert.Equal(Sample.Sources!.Prometheus, doc.Sources!.Prometheus);
        Assert.Equal(Sample.Sources.Alertmanager, doc.Sources.Alertmanager);
        Assert.Equal(Sample.Sources.ScrapeTargets, doc.Sources.ScrapeTargets);
        Assert.Equal(Sample.Sources.Postgres, doc.Sources.Postgres);
        Assert.StartsWith("# a comment\napiVersion: dashboard/v1\nkind: DashboardConfig\n", text, StringComparison.Ordinal);
        // Multi-line PromQL stays readable; text that would read as another type is quoted.
        Assert.Contains("usageQuery: |-\n", text, StringComparison.Ordinal);
        Assert.Contains("note: \"80\"", text, StringComparison.Ordinal);
        Assert.Equal(text, ConfigYamlWriter.Write(doc, ["a comment"]));
    }

    [Fact]
    public void SyntaxError_NamesLineAndColumn_AndNothingIsRead()
    {
        var read = ConfigYamlReader.Read("apiVersion: dashboard/v1\nkind: DashboardConfig\nresources:\n  - id: cpu\n   warning: 80\n");

        Assert.Null(read.Document);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(5, problem.Line);
        Assert.StartsWith("line 5, column 4: YAML syntax error", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedBracket_IsASyntaxErrorWithItsPlace()
    {
        var read = ConfigYamlReader.Read("apiVersion: dashboard/v1\nkind: DashboardConfig\nresources: [1, 2\nslo: 3\n");

        var problem = Assert.Single(read.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("YAML syntax error", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongType_UnknownKey_AndCriticalBelowWarning_EachNameLineAndField()
    {
        const string text = """
            apiVersion: dashboard/v1
            kind: DashboardConfig
            resources:
              - id: cpu
                warning: 80
                critical: 90
              - id: memory
                warning: high
                critical: 95
                sustained: 60
              - id: disk
                warning: 90
                critical: 80
            slo:
              targetPercent: "99.9"
            """;

        var problems = ConfigDocumentRules.Check(ConfigYamlReader.Read(text)).Select(p => p.ToString()).ToList();

        Assert.Equal(
        [
            "line 8, resources[1].warning: expected a number, but found 'high'.",
            "line 10, resources[1].sustained: unknown key 'sustained'; resources[1] takes id, name, category, unit, direction, warning, critical, sustainedForSeconds, usageQuery, capacityQuery, entityLabel, note, loadModel.",
            "line 13, resources[2].critical: critical (80) must be at or above warning (90) when above is bad.",
            "line 15, slo.targetPercent: expected a number, but found the quoted text '99.9'.",
        ], problems);
    }

    [Fact]
    public void MissingField_IsReportedAtItsEntry_AndABuiltInsFixedFieldsCannotChange()
    {
        const string text = """
            apiVersion: dashboard/v1
            kind: DashboardConfig
            resources:
              - id: cpu
                unit: bytes
                warning: 80
              - id: cpu
                warning: 80
                critical: 90
            """;

        var problems = ConfigDocumentRules.Check(ConfigYamlReader.Read(text)).Select(p => p.ToString()).ToList();

        Assert.Contains(problems, p => p.StartsWith("line 4, resources[0].critical: critical is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 5, resources[0].unit: unit of the built-in 'cpu' is '%' and cannot change", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 7, resources[1].id: 'cpu' is listed twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_AreRefused_NamingWhereTheyBelong()
    {
        const string text = """
            apiVersion: dashboard/v1
            kind: DashboardConfig
            sources:
              prometheus:
                url: http://prom:9090
                bearerToken: abc
              postgres:
                - name: orders
                  connectionString: Host=db;Username=u;Password=hunter2
            """;

        var problems = ConfigYamlReader.Read(text).Problems.Select(p => p.ToString()).ToList();

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("line 6, sources.prometheus.bearerToken: secrets are never read", problems[0], StringComparison.Ordinal);
        Assert.Contains("Prometheus__BearerToken", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("line 9, sources.postgres[0].connectionString: the connection string holds a password", problems[1], StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", string.Join("\n", problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apiVersion: dashboard/v1\nkind: DashboardConfig\nslo: &s {targetPercent: 99}\n", 3, "anchor &s")]
    [InlineData("apiVersion: dashboard/v1\nkind: DashboardConfig\n---\nkind: DashboardConfig\n", 3, "second document")]
    [InlineData("apiVersion: dashboard/v1\nkind: DashboardConfig\nkind: Other\n", 3, "Duplicate key")]
    [InlineData("apiVersion: dashboard/v1\nkind: DashboardConfig\nslo: !!map {targetPercent: 99}\n", 3, "tag")]
    [InlineData("apiVersion: dashboard/v2\nkind: DashboardConfig\n", 1, "apiVersion must be 'dashboard/v1'")]
    [InlineData("", 1, "the document is empty")]
    [InlineData("apiVersion: dashboard/v1\nkind: DashboardConfig\nprune: true\n", 3, "there is no resources list")]
    public void WhatADocumentNeverHolds_IsRefusedWithItsLine(string text, int line, string words)
    {
        var problem = Assert.Single(ConfigDocumentRules.Check(ConfigYamlReader.Read(text)));

        Assert.Equal(line, problem.Line);
        Assert.Contains(words, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNesting_IsRefusedBeforeItIsBuilt()
    {
        var text = "apiVersion: dashboard/v1\nkind: DashboardConfig\nresources: " + new string('[', 200_000) + new string(']', 200_000) + "\n";

        var problem = Assert.Single(ConfigYamlReader.Read(text).Problems);

        Assert.Contains("nested more than", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeExample_IsAValidDocument()
    {
        var readme = File.ReadAllText(Path.Combine(Infrastructure.RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Configuration as code", StringComparison.Ordinal)..];
        var start = section.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var example = section[start..section.IndexOf("```\n", start, StringComparison.Ordinal)];

        var read = ConfigYamlReader.Read(example);

        Assert.Empty(ConfigDocumentRules.Check(read));
        Assert.Equal(["cpu", "redis_memory"], read.Document!.Resources!.Select(r => r.Id));
        Assert.Equal("sum by (instance) (\n  redis_memory_used_bytes)", read.Document.Resources![1].UsageQuery);
    }

    [Fact]
    public void ExportEntry_OfABuiltIn_LeavesOutWhatTheCatalogFixes()
    {
        var row = new MetricSettingRow
        {
            MetricId = MetricIds.Cpu, Category = "Saturation", Name = "CPU", Unit = "%", Direction = "AboveIsBad",
            Warning = 70, Critical = 85, SustainedForSeconds = 300, LoadModel = "Auto", Note = "",
        };

        var entry = ConfigExporter.Entry(row);

        Assert.Equal(new ResourceDraft { Id = MetricIds.Cpu, Warning = 70, Critical = 85, SustainedForSeconds = 300 }, entry);
    }
}
