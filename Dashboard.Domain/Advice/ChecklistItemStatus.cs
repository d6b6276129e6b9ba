namespace Dashboard.Domain.Advice;

/// <summary>Whether a checklist item is in place.</summary>
public enum ChecklistItemStatus
{
    /// <summary>In place (measured, or ticked by a person).</summary>
    Done,

    /// <summary>Measured as not in place.</summary>
    NotDone,

    /// <summary>Not measured and not ticked.</summary>
    Open,
}
