namespace Dashboard.Domain.Advice;

/// <summary>The per-database signals of one monitored PostgreSQL target.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Replica">Whether a streaming read replica serves this database (or it is a standby).</param>
/// <param name="Partitioning">Whether the database has partitioned tables.</param>
public sealed record DatabaseFacts(string Target, SignalFact<bool> Replica, SignalFact<bool> Partitioning);
