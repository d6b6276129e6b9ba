namespace Dashboard.Jobs.Storage.Entities;

/// <summary>
/// A person's answer to one manual readiness-checklist item: ticked or not, by whom and when.
/// Automatic items are settled by measurements and never stored here. Every change also
/// writes an <see cref="AuditEntryRow"/>, so the history survives later changes.
/// </summary>
public sealed class ChecklistItemStateRow
{
    /// <summary>Longest note a person can leave with a tick.</summary>
    public const int NoteMaxLength = 500;

    /// <summary>The catalog item's stable id (<c>ChecklistItem.Id</c>).</summary>
    public required string ItemId { get; set; }
    public bool Done { get; set; }
    public string? Note { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
