namespace Dashboard.Domain.WhatIf;

/// <summary>A catalog metric the what-if leaves out, and why.</summary>
/// <param name="MetricId">The catalog id of the metric.</param>
/// <param name="Reason">Why it is not projected, in plain words ("no current reading", "not load-driven ...").</param>
public sealed record NotProjectedMetric(string MetricId, string Reason);
