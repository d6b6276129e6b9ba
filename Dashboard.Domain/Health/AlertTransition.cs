namespace Dashboard.Domain.Health;

/// <summary>One change of an alert's state and when it happened.</summary>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="At">The evaluation time at which it changed.</param>
public sealed record AlertTransition(AlertState From, AlertState To, DateTimeOffset At);
