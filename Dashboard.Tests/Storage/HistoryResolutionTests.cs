using Dashboard.Hosting;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Storage;

public sealed class HistoryResolutionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset OldestRaw = Now.AddDays(-400);

    [Theory]
    [InlineData(1, HistoryResolution.Raw)]
    [InlineData(6, HistoryResolution.Raw)]
    [InlineData(7, HistoryResolution.FiveMinutes)]
    [InlineData(24 * 7, HistoryResolution.FiveMinutes)]
    [InlineData(24 * 7 + 1, HistoryResolution.OneHour)]
    [InlineData(24 * 365, HistoryResolution.OneHour)]
    public void Choose_RangeOfHours_PicksFinestThatFits(int hours, HistoryResolution expected)
    {
        Assert.Equal(expected, ObservationHistory.Choose(Now.AddHours(-hours), Now, OldestRaw));
    }

    [Fact]
    public void Choose_ShortRangeBeforeRawRetention_UsesFiveMinuteRollups()
    {
        var from = OldestRaw.AddDays(-10);

        Assert.Equal(HistoryResolution.FiveMinutes, ObservationHistory.Choose(from, from.AddHours(1), OldestRaw));
    }

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.Empty(new StorageRetentionOptions().Validate());
    }

    [Fact]
    public void Validate_BadRetentionSettings_ListsEveryProblemByKey()
    {
        var options = new StorageRetentionOptions { RetentionDays = 1, RollupRetentionDays = 0, PartitionsAheadDays = 0 };
        var validator = new ConfigurationValidator(Options.Create(new DashboardOptions()), new TestEnvironment());

        var result = validator.Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Storage:RetentionDays", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Storage:RollupRetentionDays", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Storage:PartitionsAheadDays", StringComparison.Ordinal));
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "Dashboard";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
