using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Health;

public class AlertStateMachineTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);
    private readonly ManualTimeProvider clock = new();

    private static AlertRule CpuWarning(TimeSpan keepFiringFor = default) =>
        AlertRule.ForMetric(MetricCatalog.Default.Get("cpu"), ThresholdBreach.Warning, keepFiringFor);

    [Fact]
    public void CpuRule_UsesTheCatalogSustainedWindowAsFor()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), CpuWarning().For);
    }

    [Fact]
    public void Breach_IsPendingUntilHeldForTheWindow_ThenFiresExactlyAtIt()
    {
        var alert = new AlertStateMachine(CpuWarning(), clock);
        var start = clock.GetUtcNow();

        Assert.Equal(AlertState.Pending, alert.Evaluate(75));
        Assert.Equal(start, alert.ActiveAt);
        for (var minute = 1; minute < 5; minute++)
        {
            clock.Advance(Step);
            Assert.Equal(AlertState.Pending, alert.Evaluate(80));
        }

        clock.Advance(Step);
        Assert.Equal(AlertState.Firing, alert.Evaluate(72));
        Assert.Equal(start.AddMinutes(5), alert.FiredAt);
        Assert.Equal(start, alert.ActiveAt);
    }

    [Fact]
    public void Pending_ConditionClears_GoesInactiveWithoutFiring_AndRestartsTheWindow()
    {
        var alert = new AlertStateMachine(CpuWarning(), clock);

        alert.Evaluate(95);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(AlertState.Inactive, alert.Evaluate(70)); // exactly 70 is not "> 70"
        Assert.Null(alert.ActiveAt);
        Assert.Null(alert.FiredAt);

        clock.Advance(Step);
        Assert.Equal(AlertState.Pending, alert.Evaluate(71));
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(AlertState.Pending, alert.Evaluate(71));
    }

    [Fact]
    public void Firing_ConditionClears_ResolvesWithTimestamp_AndHistoryRecordsEachStep()
    {
        var alert = new AlertStateMachine(CpuWarning(), clock);
        var start = clock.GetUtcNow();

        alert.Evaluate(91);
        clock.Advance(TimeSpan.FromMinutes(5));
        alert.Evaluate(91);
        clock.Advance(Step);
        Assert.Equal(AlertState.Resolved, alert.Evaluate(50));

        Assert.Equal(start.AddMinutes(6), alert.ResolvedAt);
        Assert.Equal(start.AddMinutes(5), alert.FiredAt);
        Assert.Equal(
            [
                new AlertTransition(AlertState.Inactive, AlertState.Pending, start),
                new AlertTransition(AlertState.Pending, AlertState.Firing, start.AddMinutes(5)),
                new AlertTransition(AlertState.Firing, AlertState.Resolved, start.AddMinutes(6)),
            ],
            alert.History);
    }

    [Fact]
    public void KeepFiringFor_FlappingValue_StaysFiring_AndResolvesOnlyAfterTheWholeQuietWindow()
    {
        var alert = new AlertStateMachine(CpuWarning(keepFiringFor: TimeSpan.FromMinutes(3)), clock);
        alert.Evaluate(85);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(AlertState.Firing, alert.Evaluate(85));
        var firedAt = alert.FiredAt;

        // Flap: below, above, below. The true sample restarts the quiet window.
        clock.Advance(Step);
        Assert.Equal(AlertState.Firing, alert.Evaluate(60));
        clock.Advance(Step);
        Assert.Equal(AlertState.Firing, alert.Evaluate(60));
        clock.Advance(Step);
        Assert.Equal(AlertState.Firing, alert.Evaluate(88));
        var quietFrom = clock.GetUtcNow().Add(Step);
        for (var minute = 0; minute < 3; minute++)
        {
            clock.Advance(Step);
            Assert.Equal(AlertState.Firing, alert.Evaluate(60));
        }

        clock.Advance(Step);
        Assert.Equal(AlertState.Resolved, alert.Evaluate(60));
        Assert.Equal(quietFrom.AddMinutes(3), alert.ResolvedAt);
        Assert.Equal(firedAt, alert.FiredAt);
        Assert.Equal(2, alert.History.Count(t => t.To != AlertState.Resolved));
    }

    [Fact]
    public void ZeroFor_FiresOnTheFirstBreach()
    {
        var rule = AlertRule.ForMetric(MetricCatalog.Default.Get("error_rate"), ThresholdBreach.Critical);
        var alert = new AlertStateMachine(rule, clock);

        Assert.Equal(AlertState.Inactive, alert.Evaluate(2.0));
        Assert.Equal(AlertState.Firing, alert.Evaluate(2.1));
        Assert.Equal(clock.GetUtcNow(), alert.FiredAt);
    }

    [Fact]
    public void CriticalRule_WarningValue_DoesNotMeetTheCondition()
    {
        var rule = AlertRule.ForMetric(MetricCatalog.Default.Get("uptime"), ThresholdBreach.Critical);

        Assert.False(rule.IsMetBy(99.7));
        Assert.True(rule.IsMetBy(99.4));
        Assert.False(rule.IsMetBy(null));
    }

    [Fact]
    public void Resolved_BreachAgain_StartsANewEpisodeFromPending()
    {
        var alert = new AlertStateMachine(CpuWarning(), clock);
        alert.Evaluate(95);
        clock.Advance(TimeSpan.FromMinutes(5));
        alert.Evaluate(95);
        clock.Advance(Step);
        alert.Evaluate(10);

        clock.Advance(Step);
        Assert.Equal(AlertState.Pending, alert.Evaluate(95));
        Assert.Null(alert.ResolvedAt);
        Assert.Null(alert.FiredAt);
        Assert.Equal(clock.GetUtcNow(), alert.ActiveAt);
    }

    [Fact]
    public void NoData_WhileFiring_ResolvesAsAnAbsentSeriesDoes()
    {
        var rule = AlertRule.ForMetric(MetricCatalog.Default.Get("disk"), ThresholdBreach.Warning);
        var alert = new AlertStateMachine(rule, clock);
        alert.Evaluate(80);

        clock.Advance(Step);
        Assert.Equal(AlertState.Resolved, alert.Evaluate(null));
    }

    [Fact]
    public void Evaluate_ClockBehindLastEvaluation_Throws()
    {
        var rewindable = new RewindableClock(clock.GetUtcNow());
        var alert = new AlertStateMachine(CpuWarning(), rewindable);
        alert.Evaluate(50);
        rewindable.Now = rewindable.Now.AddSeconds(-1);

        var ex = Assert.Throws<InvalidOperationException>(() => alert.Evaluate(50));
        Assert.Contains("time cannot go back", ex.Message);
    }

    [Theory]
    [InlineData(ThresholdBreach.None, 0, 0, "level")]
    [InlineData(ThresholdBreach.Warning, -1, 0, "for window")]
    [InlineData(ThresholdBreach.Warning, 0, -1, "keep-firing-for")]
    public void AlertRule_Nonsense_Throws(ThresholdBreach level, int forSeconds, int keepSeconds, string expected)
    {
        var threshold = MetricCatalog.Default.Get("cpu").Threshold;

        var ex = Assert.Throws<DomainValidationException>(() => new AlertRule(
            "cpu", threshold, level, TimeSpan.FromSeconds(forSeconds), TimeSpan.FromSeconds(keepSeconds)));
        Assert.Contains(expected, ex.Message);
    }

    private sealed class RewindableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
