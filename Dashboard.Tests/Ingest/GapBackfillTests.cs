using Dashboard.Jobs.Ingest;

namespace Dashboard.Tests.Ingest;

/// <summary>Which grid steps a pass backfills after its watermark (docs/decisions/028).</summary>
public sealed class GapBackfillTests
{
    private static readonly TimeSpan Step = IngestGrid.Step;
    private static readonly DateTimeOffset Watermark = new(2026, 12, 7, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public void NextStepOrSameStep_NoGap(int seconds) =>
        Assert.Null(GapBackfill.Between(Watermark, Watermark.AddSeconds(seconds), Step, TimeSpan.FromHours(6)));

    [Fact]
    public void SevenMinutesMissed_FillsEveryStepBetween_NotTheEdges()
    {
        var gap = GapBackfill.Between(Watermark, Watermark.AddMinutes(7).AddSeconds(15), Step, TimeSpan.FromHours(6))!;

        Assert.Equal(Watermark.AddSeconds(15), gap.From);
        Assert.Equal(Watermark.AddMinutes(7), gap.To);
        Assert.Equal(TimeSpan.FromMinutes(7), gap.Filled);
        Assert.Equal(TimeSpan.Zero, gap.Skipped);
    }

    [Fact]
    public void PassOffTheGrid_FloorsToItsGridTime()
    {
        var gap = GapBackfill.Between(Watermark.AddMilliseconds(70), Watermark.AddSeconds(45.07), Step, TimeSpan.FromHours(6))!;

        Assert.Equal(Watermark.AddSeconds(15), gap.From);
        Assert.Equal(Watermark.AddSeconds(30), gap.To);
    }

    [Fact]
    public void GapLongerThanLimit_FillsTheNewestLimit_ReportsTheRest()
    {
        var pass = Watermark.AddHours(8);

        var gap = GapBackfill.Between(Watermark, pass, Step, TimeSpan.FromHours(6))!;

        Assert.Equal(pass.AddHours(-6), gap.From);
        Assert.Equal(pass - Step, gap.To);
        Assert.Equal(TimeSpan.FromHours(6), gap.Filled);
        Assert.Equal(TimeSpan.FromHours(2) - Step, gap.Skipped);
        Assert.Equal(pass - Watermark - Step, gap.Filled + gap.Skipped);
    }

    [Fact]
    public void LimitZero_NothingFilled_WholeGapReported()
    {
        var gap = GapBackfill.Between(Watermark, Watermark.AddMinutes(1), Step, TimeSpan.Zero)!;

        Assert.Equal(TimeSpan.Zero, gap.Filled);
        Assert.Equal(TimeSpan.FromSeconds(45), gap.Skipped);
    }
}
