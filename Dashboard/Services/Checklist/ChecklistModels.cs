using Dashboard.Domain.Catalog;

namespace Dashboard.Services.Checklist;

/// <summary>How a checklist item stands, as views and the API show it.</summary>
public enum ChecklistItemState
{
    /// <summary>In place: measured, or ticked by a person.</summary>
    Done,

    /// <summary>An automatic item measured as not in place.</summary>
    NotDone,

    /// <summary>An automatic item whose signal is unknown; never ticked.</summary>
    NotMeasured,

    /// <summary>A manual item nobody has ticked (or that was unticked).</summary>
    Open,
}

/// <summary>One item with its state, the evidence for an automatic item, and who last changed a manual one.</summary>
public sealed record ChecklistItemView
{
    public required string Id { get; init; }
    public required ChecklistPhase Phase { get; init; }
    public required string Text { get; init; }
    /// <summary>"auto" (settled by a measured signal) or "manual" (ticked by a person).</summary>
    public required string Kind { get; init; }
    public ChecklistSignal? Signal { get; init; }
    public required ChecklistItemState State { get; init; }
    /// <summary>The measurement in words ("streaming standby replica1, lag 0.2 s"), or why it is not measured.</summary>
    public string? Evidence { get; init; }
    public DateTimeOffset? EvidenceAt { get; init; }
    public string? UpdatedBy { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? Note { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsAutomatic => Kind == ChecklistService.Auto;
}

/// <summary>One phase with its progress (Domain <c>ChecklistEvaluator.Progress</c>) and its items.</summary>
public sealed record ChecklistPhaseView(ChecklistPhase Phase, int Number, string Title, int Done, int Total, double Percent, IReadOnlyList<ChecklistItemView> Items);

/// <summary>One audited change of a manual item.</summary>
public sealed record ChecklistChange(DateTimeOffset At, string Actor, string ItemId, bool Done, string? Note);

/// <summary>The whole checklist at one moment.</summary>
public sealed record ChecklistReport(DateTimeOffset EvaluatedAt, IReadOnlyList<ChecklistPhaseView> Phases)
{
    public IEnumerable<ChecklistItemView> Items => Phases.SelectMany(p => p.Items);
}

/// <summary>The outcome of a tick or untick: the item, or why it was refused (field -> messages, or unknown id).</summary>
public sealed record ChecklistUpdateResult(ChecklistItemView? Item, IReadOnlyDictionary<string, string[]>? Errors, string? NotFound, bool IsForbidden = false)
{
    public static ChecklistUpdateResult Saved(ChecklistItemView item) => new(item, null, null);
    public static ChecklistUpdateResult Invalid(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] }, null);
    public static ChecklistUpdateResult Unknown(string id) => new(null, null, $"No checklist item '{id}'. Known items: {string.Join(", ", ChecklistCatalog.Items.Select(i => i.Id))}.");
    public static ChecklistUpdateResult Forbidden() => new(null, null, null, IsForbidden: true);
}

/// <summary>The body of <c>PUT /api/v1/checklist/items/{id}</c>.</summary>
public sealed record ChecklistTickInput(bool? Done, string? Note);
