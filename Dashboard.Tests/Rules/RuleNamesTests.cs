using Dashboard.Jobs.Rules;

namespace Dashboard.Tests.Rules;

/// <summary>Names and durations as Prometheus reads them.</summary>
public sealed class RuleNamesTests
{
    [Theory]
    [InlineData("db_connections", true, "DashboardDbConnectionsHigh")]
    [InlineData("signup_success", false, "DashboardSignupSuccessLow")]
    [InlineData("latency_p99", true, "DashboardLatencyP99High")]
    [InlineData("cpu", true, "DashboardCpuHigh")]
    public void ResourceAlert_Id_CamelCaseWithDirection(string id, bool aboveIsBad, string expected) =>
        Assert.Equal(expected, RuleNames.ResourceAlert(id, aboveIsBad));

    [Theory]
    [InlineData("Cpu")]
    [InlineData("1cpu")]
    [InlineData("db-connections")]
    [InlineData("")]
    public void Generate_InvalidResourceId_ThrowsNamingIt(string id)
    {
        var input = RulesSamples.BuiltInsPlusCustom();
        input = input with { Resources = [.. input.Resources, RulesSamples.CacheHitRatio with { Id = id }] };

        var error = Assert.Throws<ArgumentException>(() => PrometheusRulesGenerator.Generate(input));

        Assert.Contains($"'{id}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_SameResourceIdTwice_ThrowsNamingIt()
    {
        var input = RulesSamples.BuiltInsPlusCustom();
        input = input with { Resources = [.. input.Resources, RulesSamples.CacheHitRatio] };

        var error = Assert.Throws<ArgumentException>(() => PrometheusRulesGenerator.Generate(input));

        Assert.Contains("'cache_hit_ratio' is used 2 times", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 5, 0, "5m")]
    [InlineData(0, 1, 30, 0, "90m")]
    [InlineData(0, 6, 0, 0, "6h")]
    [InlineData(3, 0, 0, 0, "3d")]
    [InlineData(0, 0, 0, 45, "45s")]
    public void Duration_Window_LargestWholeUnit(int days, int hours, int minutes, int seconds, string expected) =>
        Assert.Equal(expected, PromFormat.Duration(new TimeSpan(days, hours, minutes, seconds)));

    [Fact]
    public void Duration_ZeroOrNegative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PromFormat.Duration(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => PromFormat.Duration(TimeSpan.FromMinutes(-5)));
    }
}
