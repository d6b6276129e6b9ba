using Dashboard.Services.Checklist;

namespace Dashboard.Api.Responses;

/// <summary>What <c>GET /api/v1/checklist</c> answers: the phases with their items as evaluated, and the latest ticks and unticks.</summary>
public sealed record ChecklistWithHistory(DateTimeOffset EvaluatedAt, IReadOnlyList<ChecklistPhaseView> Phases, IReadOnlyList<ChecklistChange> History);
