using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Health;

/// <summary>An alert stored between evaluations carries on exactly as one that never stopped.</summary>
public class AlertStateSnapshotTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);
    private readonly ManualTimeProvider clock = new();

    private static AlertRule CpuWarning(TimeSpan keepFiringFor = default) =>
        AlertRule.ForMetric(MetricCatalog.Default.Get(MetricIds.Cpu), ThresholdBreach.Warning, keepFiringFor);

    [Fact]
    public void ResumeAfterEveryEvaluation_SameStatesAndTimesAsOneMachine()
    {
        // A CPU trace across pending, firing, a flap inside keep-firing-for, resolution and a new episode.
        double?[] trace = [75, 80, null, 85, 90, 91, 92, 93, 94, 60, 95, 60, 60, 60, 72, 73];
        var rule = CpuWarning(keepFiringFor: TimeSpan.FromMinutes(1));
        var continuous = new AlertStateMachine(rule, clock);
        var stored = AlertStateSnapshot.Inactive;

        foreach (var value in trace)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var expected = continuous.Evaluate(value);
            var resumed = AlertStateMachine.Resume(rule, clock, stored);
            var actual = resumed.Evaluate(value);
            stored = resumed.Snapshot();

            Assert.Equal(expected, actual);
            Assert.Equal(continuous.Snapshot(), stored);
        }

        Assert.Equal(
            [AlertState.Pending, AlertState.Inactive, AlertState.Pending, AlertState.Firing, AlertState.Resolved, AlertState.Pending],
            continuous.History.Select(t => t.To));
        Assert.Equal(AlertState.Pending, stored.State);
    }

    [Fact]
    public void Resume_Firing_KeepsTheQuietWindowThatHadStarted()
    {
        var rule = CpuWarning(keepFiringFor: TimeSpan.FromMinutes(2));
        var start = clock.GetUtcNow();
        var snapshot = new AlertStateSnapshot(AlertState.Firing, start, start.AddMinutes(5), null, start.AddMinutes(6), start.AddMinutes(6));
        clock.Advance(TimeSpan.FromMinutes(8));

        var alert = AlertStateMachine.Resume(rule, clock, snapshot);

        Assert.Equal(AlertState.Resolved, alert.Evaluate(50));
        Assert.Equal(clock.GetUtcNow(), alert.ResolvedAt);
        Assert.Equal(start.AddMinutes(5), alert.FiredAt);
        Assert.Equal([new AlertTransition(AlertState.Firing, AlertState.Resolved, clock.GetUtcNow())], alert.History);
    }

    [Fact]
    public void Resume_Pending_UsesTheRuleInForceNow()
    {
        // Pending for 3 min under the 5-min default; an override to 2 min fires it on the next evaluation.
        var start = clock.GetUtcNow();
        var snapshot = new AlertStateSnapshot(AlertState.Pending, start, null, null, null, start.AddMinutes(3));
        var shorter = new AlertRule(MetricIds.Cpu, MetricCatalog.Default.Get(MetricIds.Cpu).Threshold, ThresholdBreach.Warning, TimeSpan.FromMinutes(2), TimeSpan.Zero);
        clock.Advance(TimeSpan.FromMinutes(3) + Step);

        var alert = AlertStateMachine.Resume(shorter, clock, snapshot);

        Assert.Equal(AlertState.Firing, alert.Evaluate(75));
        Assert.Equal(start, alert.ActiveAt);
    }

    [Fact]
    public void Resume_ClockBehindTheStoredEvaluation_Throws()
    {
        var start = clock.GetUtcNow();
        var snapshot = new AlertStateSnapshot(AlertState.Pending, start, null, null, null, start.AddMinutes(1));

        var alert = AlertStateMachine.Resume(CpuWarning(), clock, snapshot);

        Assert.Throws<InvalidOperationException>(() => alert.Evaluate(75));
    }

    [Theory]
    [InlineData(AlertState.Pending, false, false, false, false, "activeAt")]
    [InlineData(AlertState.Firing, true, false, false, false, "firedAt")]
    [InlineData(AlertState.Resolved, false, true, false, false, "resolvedAt")]
    [InlineData(AlertState.Pending, true, false, false, true, "keep-firing-for")]
    public void Snapshot_TimesMissingForTheState_Throws(AlertState state, bool active, bool fired, bool resolved, bool keep, string expected)
    {
        var t = ManualTimeProvider.DefaultStart;

        var ex = Assert.Throws<DomainValidationException>(() => new AlertStateSnapshot(
            state, active ? t : null, fired ? t : null, resolved ? t : null, keep ? t : null, t));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Snapshot_FiredBeforeActive_Throws()
    {
        var t = ManualTimeProvider.DefaultStart;

        var ex = Assert.Throws<DomainValidationException>(() => new AlertStateSnapshot(AlertState.Firing, t, t.AddMinutes(-1), null, null, t));

        Assert.Contains("before its condition", ex.Message);
    }
}
