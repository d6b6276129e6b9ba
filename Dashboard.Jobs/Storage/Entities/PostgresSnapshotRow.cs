namespace Dashboard.Jobs.Storage.Entities;

/// <summary>
/// The latest statistics snapshot of one monitored PostgreSQL target, shared through the primary so
/// that web instances (which do not run the ingest job) show what the worker collected.
/// </summary>
public sealed class PostgresSnapshotRow
{
    /// <summary>The configured target name (Ingest:Postgres:&lt;name&gt;).</summary>
    public required string Name { get; set; }

    /// <summary>host:port/database, without credentials.</summary>
    public required string Target { get; set; }

    /// <summary>The monitored server's clock when the snapshot began.</summary>
    public DateTimeOffset TakenAt { get; set; }

    /// <summary>The snapshot as JSON (see PostgresSnapshotStore; statement counters are not kept).</summary>
    public required string Snapshot { get; set; }
}
