namespace Dashboard.Domain.Catalog;

/// <summary>The first moves when a metric's alert fires: what to look at, what usually fixes it, and why.</summary>
/// <param name="MetricId">The catalog metric it is for.</param>
/// <param name="Title">The likely fix in a few words ("Pool database connections (PgBouncer)").</param>
/// <param name="Checks">What to do, in order.</param>
/// <param name="Strategy">The database scaling strategy it points to, when one applies (its gains and cost are in <see cref="ScalingStrategyCatalog"/>).</param>
/// <param name="Basis">Where the advice comes from: the chapter's fact it restates, or "general practice" where the chapter says nothing.</param>
public sealed record RunbookHint(
    string MetricId,
    string Title,
    IReadOnlyList<string> Checks,
    ScalingStrategyId? Strategy,
    string Basis);
