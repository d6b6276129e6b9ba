namespace Dashboard.Domain.WhatIf;

/// <summary>Today's reading of one catalog metric, the starting point of a what-if projection.</summary>
/// <param name="MetricId">The catalog id of the metric (see <see cref="Catalog.MetricIds"/>).</param>
/// <param name="CurrentValue">The current reading, in the metric's unit (percent as 0-100).</param>
/// <param name="GrowthPerDay">How fast the value grows per day at today's load, in the metric's unit; only disk uses it
/// (disk use does not jump with load, its growth does). Null when unknown.</param>
public sealed record LoadBaseline(string MetricId, double CurrentValue, double? GrowthPerDay = null);
