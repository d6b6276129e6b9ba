using Dashboard.Jobs.Alerts;
using Dashboard.Jobs.Sources.Prometheus;

namespace Dashboard.Tests.Alerts;

public sealed class EntityLabelsTests
{
    [Fact]
    public void Parse_EntityAsIngestWritesIt_GivesTheLabelsBack()
    {
        var labels = new Dictionary<string, string> { ["__name__"] = "x", ["mountpoint"] = "/data \"hot\"", ["instance"] = "a:9100", ["path"] = @"C:\logs" };
        var series = new PrometheusSeries(labels, []);

        var parsed = EntityLabels.Parse(series.Entity);

        Assert.Equal(
            [new("instance", "a:9100"), new("mountpoint", "/data \"hot\""), new("path", @"C:\logs")],
            parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("demo-saas")]
    [InlineData("instance=\"a")]
    [InlineData("a=\"1\"b=\"2\"")]
    public void Parse_NotLabels_Empty(string entity)
    {
        Assert.Empty(EntityLabels.Parse(entity));
    }
}
