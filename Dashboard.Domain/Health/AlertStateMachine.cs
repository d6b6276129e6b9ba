namespace Dashboard.Domain.Health;

/// <summary>
/// One alert's state, advanced by <see cref="Evaluate"/> at the time <see cref="TimeProvider"/> gives,
/// with the semantics of a Prometheus alerting rule:
/// <list type="bullet">
/// <item>condition true while inactive/resolved: Pending from that moment (or Firing at once when <c>for</c> is zero);</item>
/// <item>Pending for at least <c>for</c> (measured from the first true evaluation, inclusive): Firing;</item>
/// <item>condition false while Pending: back to Inactive, nothing was ever firing;</item>
/// <item>condition false while Firing: stays Firing until it has been false for <c>keep_firing_for</c>
///   (a true evaluation in between restarts that count), then Resolved with a timestamp.</item>
/// </list>
/// No value counts as "condition false", as an absent series does in Prometheus.
/// </summary>
public sealed class AlertStateMachine
{
    private readonly TimeProvider clock;
    private readonly List<AlertTransition> history = [];
    private DateTimeOffset? keepFiringSince;

    /// <summary>Creates an inactive alert for <paramref name="rule"/>.</summary>
    /// <param name="rule">What to alert on.</param>
    /// <param name="clock">The source of evaluation times.</param>
    public AlertStateMachine(AlertRule rule, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(clock);
        Rule = rule;
        this.clock = clock;
    }

    /// <summary>What the alert watches.</summary>
    public AlertRule Rule { get; }

    /// <summary>The current state.</summary>
    public AlertState State { get; private set; } = AlertState.Inactive;

    /// <summary>When the condition started holding in the current episode (Prometheus <c>activeAt</c>); null when inactive or resolved.</summary>
    public DateTimeOffset? ActiveAt { get; private set; }

    /// <summary>When the current or last episode started firing.</summary>
    public DateTimeOffset? FiredAt { get; private set; }

    /// <summary>When the last firing episode resolved; null while one is active.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>When <see cref="Evaluate"/> last ran.</summary>
    public DateTimeOffset? LastEvaluatedAt { get; private set; }

    /// <summary>Every state change so far, oldest first.</summary>
    public IReadOnlyList<AlertTransition> History => history;

    /// <summary>
    /// Continues an alert from a stored <paramref name="snapshot"/> (the previous evaluation of the same
    /// series, possibly under other levels: the rule in force now decides from here on). The history
    /// of transitions starts empty: only changes from now on are recorded.
    /// </summary>
    /// <param name="rule">What to alert on.</param>
    /// <param name="clock">The source of evaluation times.</param>
    /// <param name="snapshot">Where the alert was.</param>
    public static AlertStateMachine Resume(AlertRule rule, TimeProvider clock, AlertStateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new AlertStateMachine(rule, clock)
        {
            State = snapshot.State,
            ActiveAt = snapshot.ActiveAt,
            FiredAt = snapshot.FiredAt,
            ResolvedAt = snapshot.ResolvedAt,
            LastEvaluatedAt = snapshot.LastEvaluatedAt,
            keepFiringSince = snapshot.KeepFiringSince,
        };
    }

    /// <summary>Where the alert is now, to store and <see cref="Resume"/> later.</summary>
    public AlertStateSnapshot Snapshot() =>
        new(State, ActiveAt, FiredAt, ResolvedAt, keepFiringSince, LastEvaluatedAt);

    /// <summary>Evaluates the rule against the latest value at the clock's current time and returns the new state.</summary>
    /// <param name="value">The latest value of the metric, or null when there is none.</param>
    /// <exception cref="InvalidOperationException">The clock is earlier than the previous evaluation.</exception>
    public AlertState Evaluate(double? value)
    {
        var now = clock.GetUtcNow();
        if (now < LastEvaluatedAt)
        {
            throw new InvalidOperationException(
                $"Alert '{Rule.MetricId}' was evaluated at {LastEvaluatedAt:O}; time cannot go back to {now:O}.");
        }

        LastEvaluatedAt = now;
        if (Rule.IsMetBy(value))
        {
            OnConditionTrue(now);
        }
        else
        {
            OnConditionFalse(now);
        }

        return State;
    }

    private void OnConditionTrue(DateTimeOffset now)
    {
        keepFiringSince = null;
        if (State is AlertState.Inactive or AlertState.Resolved)
        {
            ActiveAt = now;
            FiredAt = null;
            ResolvedAt = null;
            MoveTo(AlertState.Pending, now);
        }

        if (State == AlertState.Pending && now - ActiveAt >= Rule.For)
        {
            FiredAt = now;
            MoveTo(AlertState.Firing, now);
        }
    }

    private void OnConditionFalse(DateTimeOffset now)
    {
        switch (State)
        {
            case AlertState.Pending:
                ActiveAt = null;
                MoveTo(AlertState.Inactive, now);
                break;
            case AlertState.Firing:
                keepFiringSince ??= now;
                if (now - keepFiringSince >= Rule.KeepFiringFor)
                {
                    keepFiringSince = null;
                    ActiveAt = null;
                    ResolvedAt = now;
                    MoveTo(AlertState.Resolved, now);
                }

                break;
        }
    }

    private void MoveTo(AlertState next, DateTimeOffset at)
    {
        history.Add(new AlertTransition(State, next, at));
        State = next;
    }
}
