using Dashboard.Components.Live;

namespace Dashboard.Tests.Web;

/// <summary>A series is named by what it is about: a host by its name where a label gives one, never a raw scrape address (issue 16).</summary>
public sealed class ShortEntityTests
{
    [Theory]
    [InlineData("instance=\"127.0.0.1:9101\",job=\"node\"", "localhost")]
    [InlineData("instance=\"[::1]:9100\",job=\"node\"", "localhost")]
    [InlineData("instance=\"10.0.0.7:9100\",job=\"node\"", "10.0.0.7")]
    [InlineData("instance=\"web-1.internal:9100\",job=\"node\"", "web-1.internal")]
    [InlineData("instance=\"10.0.0.7:9100\",nodename=\"web-1\"", "web-1")]
    [InlineData("hostname=\"db-primary\",instance=\"10.0.0.8:9187\"", "db-primary")]
    [InlineData("instance=\"10.1.2.3:8080\",pod=\"api-7f9c\"", "api-7f9c")]
    [InlineData("instance=\"127.0.0.1:9187\",server=\"demo-db:5432\"", "demo-db:5432")]
    [InlineData("device=\"/dev/sda1\",instance=\"127.0.0.1:9100\",mountpoint=\"/var\"", "localhost /var")]
    [InlineData("instance=\"127.0.0.1:9187\",server=\"127.0.0.1:55433\"", "localhost:55433")]
    [InlineData("server=\"127.0.0.1\"", "localhost")]
    [InlineData("server=\"[::1]:5432\"", "localhost:5432")]
    [InlineData("route=\"/checkout\"", "/checkout")]
    [InlineData("", "all")]
    public void ShortEntity_NamesTheHost(string entity, string expected) =>
        Assert.Equal(expected, GaugeFormat.ShortEntity(entity));

    [Fact]
    public void ShortEntity_EmptyNameLabel_FallsBackToTheAddress() =>
        Assert.Equal("10.0.0.7", GaugeFormat.ShortEntity("host=\"\",instance=\"10.0.0.7:9100\""));

    [Theory]
    [InlineData("127.0.0.1:5433/dashboard", "localhost:5433/dashboard")]
    [InlineData("db.internal:5432/app", "db.internal:5432/app")]
    [InlineData("[::1]:5432", "localhost:5432")]
    public void NamedAddress_NamesALoopbackHost_KeepsPortAndPath(string address, string expected) =>
        Assert.Equal(expected, GaugeFormat.NamedAddress(address));
}
