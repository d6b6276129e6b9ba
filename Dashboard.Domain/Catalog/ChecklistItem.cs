namespace Dashboard.Domain.Catalog;

/// <summary>One readiness-checklist item.</summary>
/// <param name="Id">Stable string id (stored with manual answers; never rename).</param>
/// <param name="Phase">The phase it belongs to.</param>
/// <param name="Text">What to have in place.</param>
/// <param name="AutoSignal">The signal that settles it, or null when only a person can tick it.</param>
public sealed record ChecklistItem(string Id, ChecklistPhase Phase, string Text, ChecklistSignal? AutoSignal = null)
{
    /// <summary>Whether a measured signal can settle the item.</summary>
    public bool IsAutomatic => AutoSignal is not null;
}
