namespace Dashboard.Jobs.Storage.Entities;

/// <summary>Who changed what and when: settings edits, silences, checklist ticks.</summary>
public sealed class AuditEntryRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    /// <summary>What changed, never secret or revenue values (those are named, not shown).</summary>
    public string Details { get; set; } = "";
}
