namespace Dashboard.Services.Resources;

/// <summary>One resource as the API and the Settings editor show it.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Category">Group (decides which roles see it).</param>
/// <param name="Unit">Unit of the figure (percent of capacity with a capacity query).</param>
/// <param name="UsageUnit">Unit of the usage and capacity values, with a capacity query.</param>
/// <param name="Direction">AboveIsBad or BelowIsBad.</param>
/// <param name="Warning">Warning level in <paramref name="Unit"/>.</param>
/// <param name="Critical">Critical level.</param>
/// <param name="SustainedForSeconds">Sustained-for window; null = at once.</param>
/// <param name="UsageQuery">The usage query in force.</param>
/// <param name="QuerySource">Where the usage query comes from: saved, configuration or default.</param>
/// <param name="CapacityQuery">The capacity query, if any.</param>
/// <param name="MeasuredQuery">The one expression evaluated (usage, or usage as % of capacity).</param>
/// <param name="EntityLabel">The label naming an entity.</param>
/// <param name="Note">Free text.</param>
/// <param name="LoadModel">The what-if load model.</param>
/// <param name="IsBuiltIn">True for the twelve catalog metrics (cannot be deleted).</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="UpdatedBy">Who changed it last.</param>
public sealed record ResourceView(
    string Id,
    string Name,
    string Category,
    string Unit,
    string? UsageUnit,
    string Direction,
    double Warning,
    double Critical,
    int? SustainedForSeconds,
    string UsageQuery,
    string QuerySource,
    string? CapacityQuery,
    string MeasuredQuery,
    string? EntityLabel,
    string Note,
    string LoadModel,
    bool IsBuiltIn,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);
