using Dashboard.Domain.Catalog;

namespace Dashboard.Domain.Advice;

/// <summary>One checklist item's status and how it was decided.</summary>
/// <param name="Item">The item.</param>
/// <param name="Status">Whether it is in place.</param>
/// <param name="Measured">True when a signal decided it, false when a person's tick (or its absence) did.</param>
public sealed record ChecklistResult(ChecklistItem Item, ChecklistItemStatus Status, bool Measured);

/// <summary>Progress of one phase.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Done">Items in place.</param>
/// <param name="Total">Items in the phase.</param>
public sealed record PhaseProgress(ChecklistPhase Phase, int Done, int Total)
{
    /// <summary>Done / total as a percentage (0 for an empty phase).</summary>
    public double Percent => Total == 0 ? 0 : 100.0 * Done / Total;
}
