namespace Dashboard.Domain.Health;

/// <summary>Where an alert is in its life (Prometheus' inactive / pending / firing, plus resolved).</summary>
public enum AlertState
{
    /// <summary>The condition does not hold and the alert has not fired since it last started.</summary>
    Inactive,

    /// <summary>The condition holds but not yet for the rule's <c>for</c> window.</summary>
    Pending,

    /// <summary>The condition has held for the window (or is being kept firing against flapping).</summary>
    Firing,

    /// <summary>The alert was firing and has stopped; <see cref="AlertStateMachine.ResolvedAt"/> says when.</summary>
    Resolved,
}
