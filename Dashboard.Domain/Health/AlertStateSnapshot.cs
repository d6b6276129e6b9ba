using Dashboard.Domain.Values;

namespace Dashboard.Domain.Health;

/// <summary>
/// Everything an <see cref="AlertStateMachine"/> needs to carry on where it stopped: what a store
/// keeps between evaluations, so that restarts and other instances see the same alert
/// (<see cref="AlertStateMachine.Snapshot"/>, <see cref="AlertStateMachine.Resume"/>).
/// </summary>
public sealed record AlertStateSnapshot
{
    /// <summary>Creates a snapshot; throws <see cref="DomainValidationException"/> when the timestamps do not fit the state
    /// (a pending alert without <paramref name="activeAt"/>, a firing one without <paramref name="firedAt"/>,
    /// a resolved one without <paramref name="resolvedAt"/>, or a keep-firing start outside the firing state).</summary>
    /// <param name="state">The state.</param>
    /// <param name="activeAt">When the condition started holding in the current episode; required while pending or firing.</param>
    /// <param name="firedAt">When the current or last episode started firing; required while firing or resolved.</param>
    /// <param name="resolvedAt">When the last episode resolved; required while resolved.</param>
    /// <param name="keepFiringSince">While firing: since when the condition has been false (the keep-firing-for count); null otherwise.</param>
    /// <param name="lastEvaluatedAt">When the machine last evaluated; null if it never did.</param>
    public AlertStateSnapshot(
        AlertState state,
        DateTimeOffset? activeAt,
        DateTimeOffset? firedAt,
        DateTimeOffset? resolvedAt,
        DateTimeOffset? keepFiringSince,
        DateTimeOffset? lastEvaluatedAt)
    {
        if (!Enum.IsDefined(state))
        {
            throw new DomainValidationException($"Alert state {(int)state} is not a known state.");
        }

        Require(state is not (AlertState.Pending or AlertState.Firing) || activeAt is not null, state, "the time the condition started holding (activeAt)");
        Require(state is not (AlertState.Firing or AlertState.Resolved) || firedAt is not null, state, "the time it started firing (firedAt)");
        Require(state != AlertState.Resolved || resolvedAt is not null, state, "the time it resolved (resolvedAt)");
        if (keepFiringSince is not null && state != AlertState.Firing)
        {
            throw new DomainValidationException($"An alert snapshot in state {state} cannot be counting keep-firing-for; only a firing alert can.");
        }

        if (firedAt < activeAt)
        {
            throw new DomainValidationException($"An alert cannot fire ({firedAt:O}) before its condition started holding ({activeAt:O}).");
        }

        State = state;
        ActiveAt = activeAt;
        FiredAt = firedAt;
        ResolvedAt = resolvedAt;
        KeepFiringSince = keepFiringSince;
        LastEvaluatedAt = lastEvaluatedAt;
    }

    /// <summary>A never-evaluated alert.</summary>
    public static AlertStateSnapshot Inactive { get; } = new(AlertState.Inactive, null, null, null, null, null);

    /// <summary>The state.</summary>
    public AlertState State { get; }

    /// <summary>When the condition started holding in the current episode.</summary>
    public DateTimeOffset? ActiveAt { get; }

    /// <summary>When the current or last episode started firing.</summary>
    public DateTimeOffset? FiredAt { get; }

    /// <summary>When the last episode resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; }

    /// <summary>While firing: since when the condition has been false.</summary>
    public DateTimeOffset? KeepFiringSince { get; }

    /// <summary>When the machine last evaluated.</summary>
    public DateTimeOffset? LastEvaluatedAt { get; }

    private static void Require(bool holds, AlertState state, string what)
    {
        if (!holds)
        {
            throw new DomainValidationException($"An alert snapshot in state {state} must have {what}.");
        }
    }
}
