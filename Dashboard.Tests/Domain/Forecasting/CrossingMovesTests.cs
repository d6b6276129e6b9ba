using Dashboard.Domain.Forecasting;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Forecasting;

public class CrossingMovesTests
{
    private static readonly DateTimeOffset Run1 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Run2 = Run1.AddHours(6);

    // The earlier run: memory forecast to climb from 60 % by 0.1 a step, critical (90 %) on Dec 14 (about 12.5 days out).
    private static CrossingMoves.Snapshot Before(DateTimeOffset? date = null, CrossingKind kind = CrossingKind.Expected, double level = 90, ForecastModelKind model = ForecastModelKind.Holt) =>
        new(Run1, ThresholdDirection.AboveIsBad, level, kind, kind == CrossingKind.Expected ? date ?? Run1.AddDays(12.5) : null, model,
            [.. Enumerable.Range(1, 48).Select(h => new ForecastPoint(Run1.AddHours(h), 60 + (0.1 * h), 55, 65))]);

    private static CrossingMoves.Snapshot After(DateTimeOffset? date, CrossingKind kind = CrossingKind.Expected, double level = 90, ForecastModelKind model = ForecastModelKind.Holt) =>
        new(Run2, ThresholdDirection.AboveIsBad, level, kind, date, model, []);

    // What happened in the six hours between the runs: the forecast times (1 + offset).
    private static RegularSeries Since(double offset) =>
        new(Run1.AddHours(1), TimeSpan.FromHours(1), [.. Enumerable.Range(1, 6).Select(h => (60 + (0.1 * h)) * (1 + offset))]);

    [Fact]
    public void Compare_AShiftUnderFivePercentOfTheTimeLeft_IsNoMove()
    {
        // 5 % of 12.5 days is 15 hours.
        Assert.Null(CrossingMoves.Compare(Before(), After(Run1.AddDays(12.5).AddHours(14)), Since(0.1)));
    }

    [Fact]
    public void Compare_ValuesRanAboveTheForecastAndTheDateCameForward_SaysSo()
    {
        var move = CrossingMoves.Compare(Before(), After(Run1.AddDays(10.5)), Since(0.05));

        Assert.NotNull(move);
        Assert.Equal(MoveCause.RanWorseThanForecast, move.Cause);
        Assert.Equal(TimeSpan.FromDays(-2), move.Shift);
        Assert.Equal("Moved 2 days earlier: in the 6 hours since the previous run the values ran about 5 % above its forecast.", move.Sentence);
        Assert.Equal(Run1, move.PreviousAt);
        Assert.Equal(Run1.AddDays(12.5), move.PreviousDate);
    }

    [Fact]
    public void Compare_ValuesRanBelowTheForecastAndTheDateWentBack_SaysSo()
    {
        var move = CrossingMoves.Compare(Before(), After(Run1.AddDays(15)), Since(-0.04));

        Assert.Equal(MoveCause.RanBetterThanForecast, move!.Cause);
        Assert.Equal("Moved 2.5 days later: in the 6 hours since the previous run the values ran about 4 % below its forecast.", move.Sentence);
    }

    [Fact]
    public void Compare_ARunningSurpriseThatDisagreesWithTheMove_IsNotGivenAsTheReason()
    {
        // Ran higher, yet the date went back: the surprise does not explain it.
        var move = CrossingMoves.Compare(Before(), After(Run1.AddDays(15)), Since(0.05));

        Assert.Equal(MoveCause.NewerData, move!.Cause);
    }

    [Fact]
    public void Compare_TheLevelChanged_ComesFirst()
    {
        var move = CrossingMoves.Compare(Before(), After(Run1.AddDays(9), level: 85), Since(0.05));

        Assert.Equal(MoveCause.LevelChanged, move!.Cause);
        Assert.Equal("its level was changed from 90 to 85", move.Reason);
    }

    [Fact]
    public void Compare_ADateAppears_IsAMoveByANewTrend()
    {
        var move = CrossingMoves.Compare(Before(kind: CrossingKind.NoTrend), After(Run1.AddDays(20)), Since(0));

        Assert.Equal(MoveCause.TrendAppeared, move!.Cause);
        Assert.Equal("Now expected: a trend towards the level became clear.", move.Sentence);
        Assert.Null(move.Shift);
    }

    [Fact]
    public void Compare_ADateVanishes_IsAMoveByAFadedTrend()
    {
        var move = CrossingMoves.Compare(Before(), After(null, CrossingKind.NoTrend), Since(0));

        Assert.Equal(MoveCause.TrendFaded, move!.Cause);
        Assert.Equal("No date any more: the trend is no longer clear enough to give a date.", move.Sentence);
    }

    [Fact]
    public void Compare_AnotherMethod_IsNamedWhenNothingElseExplainsIt()
    {
        var move = CrossingMoves.Compare(Before(), After(Run1.AddDays(11), model: ForecastModelKind.DampedHolt), Since(0));

        Assert.Equal(MoveCause.MethodChanged, move!.Cause);
    }

    [Fact]
    public void Compare_TheLevelPassed_IsTheDateComingTrueNotAMove()
    {
        Assert.Null(CrossingMoves.Compare(Before(), After(null, CrossingKind.AlreadyPast), Since(0.2)));
    }

    [Fact]
    public void Compare_NoDateEitherTime_IsNoMove()
    {
        Assert.Null(CrossingMoves.Compare(Before(kind: CrossingKind.NoTrend), After(null, CrossingKind.NotWithinHorizon), Since(0)));
    }

    [Fact]
    public void Compare_AMoveUnderAnHour_IsNoMoveEvenForADateCloseBy()
    {
        var before = Before(Run1.AddHours(8));
        Assert.Null(CrossingMoves.Compare(before, After(Run1.AddHours(8.9)), Since(0)));
        Assert.NotNull(CrossingMoves.Compare(before, After(Run1.AddHours(9)), Since(0)));
    }
}
