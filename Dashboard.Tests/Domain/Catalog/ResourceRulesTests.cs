using Dashboard.Domain.Catalog;

namespace Dashboard.Tests.Domain.Catalog;

public sealed class ResourceRulesTests
{
    private static readonly ResourceDraft Valid = new()
    {
        Id = "redis_memory",
        Name = "Redis memory",
        Category = "Saturation",
        Unit = MetricUnits.Bytes,
        Direction = "AboveIsBad",
        Warning = 80,
        Critical = 90,
        SustainedForSeconds = 300,
        UsageQuery = "redis_memory_used_bytes",
        CapacityQuery = "redis_memory_max_bytes",
        EntityLabel = "instance",
        LoadModel = "Linear",
    };

    private static string[] Fields(ResourceDraft draft) => [.. ResourceRules.Check(draft).Select(p => p.Field)];

    [Fact]
    public void ValidDraft_HasNoProblems() => Assert.Empty(ResourceRules.Check(Valid));

    [Theory]
    [InlineData("Redis", "id")]
    [InlineData("1abc", "id")]
    [InlineData("a", "id")]
    [InlineData("redis-memory", "id")]
    public void BadId_IsNamed(string id, string field) => Assert.Equal([field], Fields(Valid with { Id = id }));

    [Fact]
    public void EveryBadField_IsNamed_AllAtOnce()
    {
        var draft = Valid with
        {
            Name = "", Category = "Disks", Unit = "GB", Direction = "Up", EntityLabel = "pod-name", Note = new string('x', ResourceLimits.NoteLength + 1),
            LoadModel = "Magic", UsageQuery = " ", SustainedForSeconds = -1,
        };
        Assert.Equal(
            ["name", "category", "unit", "direction", "usageQuery", "entityLabel", "note", "loadModel", "sustainedForSeconds"],
            Fields(draft));
    }

    [Fact]
    public void WithCapacity_LevelsArePercentages() =>
        Assert.Equal(["warning"], Fields(Valid with { Warning = 800, Critical = 900 }));

    [Fact]
    public void WithoutCapacity_AbsoluteLevelsAreFine() =>
        Assert.Empty(ResourceRules.Check(Valid with { CapacityQuery = null, Warning = 8e9, Critical = 9e9 }));

    [Theory]
    [InlineData("AboveIsBad", 90, 80)]
    [InlineData("BelowIsBad", 10, 20)]
    public void CriticalOnTheWrongSideOfWarning_IsNamed(string direction, double warning, double critical) =>
        Assert.Equal(["critical"], Fields(Valid with { Direction = direction, Warning = warning, Critical = critical }));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e16)]
    public void NonFiniteOrAbsurdLevel_IsNamed(double warning) =>
        Assert.Contains("warning", Fields(Valid with { CapacityQuery = null, Warning = warning }));

    [Fact]
    public void ControlCharacters_AreRefusedWithTheirPosition_ButQueriesMaySpanLines()
    {
        var problem = Assert.Single(ResourceRules.Check(Valid with { Name = "Redis\0 memory" }));
        Assert.Equal("name", problem.Field);
        Assert.Contains("U+0000 at position 6", problem.Message);
        Assert.Empty(ResourceRules.Check(Valid with { UsageQuery = "sum by (instance) (\n  redis_memory_used_bytes\n)" }));
    }

    [Fact]
    public void TooLongQuery_IsNamed() =>
        Assert.Equal(["capacityQuery"], Fields(Valid with { CapacityQuery = new string('a', ResourceLimits.QueryLength + 1) }));

    [Fact]
    public void BuiltIn_KeepsItsShape_OnlyQueryLevelsAndNoteChange()
    {
        var repoint = new ResourceDraft { Id = MetricIds.Cpu, Warning = 60, Critical = 85, UsageQuery = "avg(rate(x[5m]))" };
        Assert.Empty(ResourceRules.Check(repoint));
        Assert.Empty(ResourceRules.Check(repoint with { UsageQuery = null }));
        Assert.Equal(["capacityQuery"], Fields(repoint with { CapacityQuery = "y" }));
        // A built-in percentage stays a percentage, and its direction is the catalog's.
        Assert.Equal(["warning"], Fields(repoint with { Warning = 160, Critical = 185 }));
        Assert.Equal(["critical"], Fields(repoint with { Warning = 90, Critical = 80 }));
    }

    [Theory]
    [InlineData("namespace, pod")]
    [InlineData("namespace,pod,container")]
    public void EntityLabel_SeveralLabelsCommaSeparated_Accepted(string label) =>
        Assert.Empty(ResourceRules.Check(Valid with { EntityLabel = label }));

    [Theory]
    [InlineData("namespace,,pod")]
    [InlineData("namespace, ")]
    [InlineData("namespace pod")]
    public void EntityLabel_NotAListOfLabelNames_IsNamed(string label) =>
        Assert.Equal(["entityLabel"], Fields(Valid with { EntityLabel = label }));
}
