namespace Dashboard.Jobs.Ingest;

/// <summary>
/// One measured point of one series: a catalog metric (or a raw source metric name) for one
/// entity (a host, a database, a route: its labels in canonical form), at one time.
/// NaN and ±Inf are kept as they came; a missing value is no observation at all, never 0.
/// </summary>
/// <param name="Metric">Catalog metric id (e.g. "cpu") or source metric name.</param>
/// <param name="Entity">Canonical label set, e.g. <c>instance="db1:9187",job="postgres"</c>; empty for none.</param>
/// <param name="Timestamp">When the value was measured (UTC).</param>
/// <param name="Value">The value in the metric's catalog unit.</param>
public readonly record struct Observation(string Metric, string Entity, DateTimeOffset Timestamp, double Value);
