namespace Dashboard.Jobs.Storage.Entities;

/// <summary>One (metric, entity) pair; its id is what the observation tables store.</summary>
public sealed class SeriesRow
{
    public long Id { get; set; }
    public required string Metric { get; set; }
    public required string Entity { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One raw point in the time-partitioned <c>observations</c> table (read-only through EF).</summary>
public sealed class ObservationRow
{
    public long SeriesId { get; set; }
    public DateTimeOffset Ts { get; set; }
    public double Value { get; set; }
}

/// <summary>
/// One bucket of a rollup table: aggregates of the finite raw values in [Bucket, Bucket + width).
/// <see cref="Avg"/> is a generated column (sum / count).
/// </summary>
public abstract class RollupRow
{
    public long SeriesId { get; set; }
    public DateTimeOffset Bucket { get; set; }
    public double Min { get; set; }
    public double Max { get; set; }
    public double Sum { get; set; }
    public long Count { get; set; }
    public double Avg { get; set; }
}

/// <summary>A row of <c>observations_5m</c>.</summary>
public sealed class Rollup5mRow : RollupRow;

/// <summary>A row of <c>observations_1h</c>.</summary>
public sealed class Rollup1hRow : RollupRow;
