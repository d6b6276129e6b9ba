using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Resources.Presets;
using Dashboard.Jobs.Sources.Prometheus;

namespace Dashboard.Tests.Resources.Presets;

/// <summary>Pack files: what a valid one becomes, and every mistake in an invalid one named at once.</summary>
public sealed class PresetLoaderTests
{
    private const string Head = """{ "id": "t", "name": "T", "description": "d", "requiredMetrics": ["m"], "resources": [""";

    [Fact]
    public void Parse_BuiltInWithoutQuery_TakesTheDefaultQueryAndTheCatalogsLevels()
    {
        var preset = PresetLoader.Parse("t.json", Head + """{ "id": "cpu", "entityLabel": "instance", "note": "n" }] }""");

        var cpu = Assert.Single(preset.Resources);
        Assert.Equal(DefaultQueries.All[MetricIds.Cpu], cpu.UsageQuery);
        Assert.Equal(MetricCatalog.Default.Get(MetricIds.Cpu).Threshold.SustainedFor, cpu.SustainedFor);
        Assert.Equal(["cpu"], preset.RepointedBuiltIns);
    }

    [Fact]
    public void Parse_CustomResource_EveryFieldRead()
    {
        var preset = PresetLoader.Parse("t.json", Head + """
            // comments are allowed, for the why of a query
            { "id": "q", "name": "Q", "category": "Queue", "unit": "count", "direction": "AboveIsBad", "warning": 1000, "critical": 10000,
              "sustainedForSeconds": 120, "usageQuery": "sum(m)", "capacityQuery": "c", "entityLabel": "queue", "note": "n", "loadModel": "Queueing" }] }
            """);

        var q = Assert.Single(preset.Resources);
        Assert.Equal((MetricCategory.Queue, "count", 1000.0, 10000.0, TimeSpan.FromMinutes(2), "c", "queue", "%"),
            (q.Category, q.Unit, q.Warning, q.Critical, q.SustainedFor!.Value, q.CapacityQuery, q.EntityLabel, q.MeasuredUnit));
    }

    [Fact]
    public void Parse_BuiltInWithItsOwnLevels_RejectedNamingTheResource()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            PresetLoader.Parse("t.json", Head + """{ "id": "memory", "warning": 50, "note": "n" }] }"""));

        Assert.Contains("t.json", error.Message);
        Assert.Contains("memory: a built-in takes its name", error.Message);
    }

    [Fact]
    public void Parse_SeveralMistakes_ListsEveryOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PresetLoader.Parse("t.json", """
            { "id": "t", "name": "", "description": "d", "requiredMetrics": [], "resources": [
              { "id": "a", "name": "A", "category": "Saturation", "unit": "cores", "direction": "AboveIsBad", "warning": 1, "critical": 2,
                "usageQuery": "x", "note": "n", "loadModel": "Linear" },
              { "id": "b", "name": "B", "category": "Saturation", "unit": "count", "direction": "AboveIsBad", "warning": 9, "critical": 2,
                "usageQuery": "x", "note": "n", "loadModel": "Linear" } ] }
            """));

        Assert.Contains("name must not be empty", error.Message);
        Assert.Contains("requiredMetrics must list at least one", error.Message);
        Assert.Contains("a: unit must be one of", error.Message);
        Assert.Contains("b: Threshold critical (2) must be at or above warning (9)", error.Message);
    }

    [Theory]
    [InlineData("""{ "id": "q", "usageQery": "x", "note": "n" }""")]   // a misspelt field is an error, never ignored
    [InlineData("""{ "id": "q", "name": "Q", "category": "Saturation", "unit": "count", "direction": "Sideways", "warning": 1, "critical": 2, "usageQuery": "x", "note": "n", "loadModel": "Linear" }""")]
    public void Parse_NotAPack_RejectedNamingTheFile(string resource)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PresetLoader.Parse("t.json", Head + resource + "] }"));

        Assert.StartsWith("Pack file t.json is not a pack", error.Message);
    }

    [Fact]
    public void PackFiles_EachShippedAndNamedAfterItsId()
    {
        Assert.All(PresetCatalog.PackFiles, id => Assert.Equal(id, PresetLoader.LoadShipped(id).Id));
    }
}
