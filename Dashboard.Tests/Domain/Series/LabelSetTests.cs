using Dashboard.Domain.Series;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Series;

public sealed class LabelSetTests
{
    [Fact]
    public void Of_SortsDropsNameAndEscapes()
    {
        var set = LabelSet.Of(new KeyValuePair<string, string>[] { new("mountpoint", "/data \"hot\""), new("__name__", "x"), new("instance", "a:9100"), new("path", @"C:\logs") });

        Assert.Equal("instance=\"a:9100\",mountpoint=\"/data \\\"hot\\\"\",path=\"C:\\\\logs\"", set.Text);
    }

    [Fact]
    public void Parse_GivesBackTheLabelsOfTheText()
    {
        var set = LabelSet.Of(("mountpoint", "/data \"hot\""), ("instance", "a:9100"), ("path", @"C:\logs"));

        var parsed = LabelSet.Parse(set.Text);

        Assert.Equal([new("instance", "a:9100"), new("mountpoint", "/data \"hot\""), new("path", @"C:\logs")], parsed.Labels);
        Assert.Equal(set, parsed);
        Assert.Equal("a:9100", parsed["instance"]);
        Assert.Null(parsed["job"]);
    }

    [Fact]
    public void Parse_AnyOrder_IsTheCanonicalSet()
    {
        Assert.Equal("a=\"1\",b=\"2\"", LabelSet.Parse("b=\"2\",a=\"1\"").Text);
    }

    [Fact]
    public void Parse_Empty_IsTheEmptySet()
    {
        Assert.True(LabelSet.Parse("").IsEmpty);
        Assert.Same(LabelSet.Empty, LabelSet.Parse(null));
    }

    [Theory]
    [InlineData("demo-saas")]
    [InlineData("instance=\"a")]
    [InlineData("a=\"1\"b=\"2\"")]
    [InlineData("a=\"1\",a=\"2\"")]
    public void Parse_NotLabels_NamesTheText(string text)
    {
        Assert.False(LabelSet.TryParse(text, out _));
        var error = Assert.Throws<DomainValidationException>(() => LabelSet.Parse(text));
        Assert.Contains(text, error.Message);
    }

    [Fact]
    public void Of_SameNameTwice_Throws()
    {
        var error = Assert.Throws<DomainValidationException>(() => LabelSet.Of(("a", "1"), ("a", "2")));
        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void Without_DropsOnlyTheNamedLabels()
    {
        Assert.Equal("job=\"x\"", LabelSet.Of(("alertname", "A"), ("job", "x"), ("severity", "page")).Without("alertname", "severity").Text);
    }

    [Theory]
    [InlineData("cpu", "cpu", "")]
    [InlineData("cpu{instance=\"h:9100\"}", "cpu", "instance=\"h:9100\"")]
    [InlineData("disk{mountpoint=\"/a,b\",instance=\"h\"}", "disk", "instance=\"h\",mountpoint=\"/a,b\"")]
    public void SeriesId_ParsesWhatItFormats(string text, string metric, string entity)
    {
        var id = SeriesId.Parse(text);

        Assert.Equal(metric, id.Metric);
        Assert.Equal(entity, id.Entity);
        Assert.Equal(id, SeriesId.Parse(id.ToString()));
        Assert.Equal(id, SeriesId.Of(metric, entity));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{a=\"1\"}")]
    [InlineData("cpu{a=\"1\"")]
    [InlineData("cpu{nonsense}")]
    public void SeriesId_NotASeries_NamesTheText(string text)
    {
        Assert.False(SeriesId.TryParse(text, out _));
        Assert.Throws<DomainValidationException>(() => SeriesId.Parse(text));
    }
}
