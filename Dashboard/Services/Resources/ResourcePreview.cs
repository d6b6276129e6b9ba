namespace Dashboard.Services.Resources;

/// <summary>What one query of a draft finds in Prometheus now.</summary>
/// <param name="Query">The expression evaluated.</param>
/// <param name="Series">The first series found (at most <see cref="ResourcePreviewService.MaxSeries"/>).</param>
/// <param name="Total">How many series the query answered.</param>
/// <param name="Error">Prometheus' own error, verbatim ("bad_data: 1:5: parse error: ..."), or null.</param>
/// <param name="Warnings">Prometheus' warnings (e.g. a partial response).</param>
public sealed record QueryPreview(string Query, IReadOnlyList<PreviewSeries> Series, int Total, string? Error, IReadOnlyList<string> Warnings);

/// <summary>One series of a preview.</summary>
/// <param name="Labels">Every label, as Prometheus answers it (with <c>__name__</c> when there is one).</param>
/// <param name="Entity">The entity's name: the entity label's value, or the labels in the dashboard's one format.</param>
/// <param name="Value">The value now (NaN and infinities are reported as null with <paramref name="Display"/> saying so).</param>
/// <param name="Display">The value in the unit ("3.2 GiB", "72 %").</param>
public sealed record PreviewSeries(IReadOnlyDictionary<string, string> Labels, string Entity, double? Value, string Display);

/// <summary>A draft's preview: usage, capacity (if any) and the measured figure, evaluated now.</summary>
/// <param name="At">When it was evaluated.</param>
/// <param name="Usage">The usage query.</param>
/// <param name="Capacity">The capacity query, or null.</param>
/// <param name="Measured">The measured expression (usage as % of capacity), or null without a capacity query.</param>
/// <param name="Notes">Hints: series without the entity label, two series with the same entity, usage with no matching capacity.</param>
public sealed record ResourcePreview(DateTimeOffset At, QueryPreview Usage, QueryPreview? Capacity, QueryPreview? Measured, IReadOnlyList<string> Notes);

/// <summary>A preview request (POST /api/v1/resources/preview).</summary>
public sealed record PreviewRequest(string? Query, string? CapacityQuery, string? EntityLabel, string? Unit);
