using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Storage;

/// <summary>
/// The same model, read through the replica connection (Npgsql multi-host with
/// prefer-standby, the primary as fallback). It refuses to write: a user's own writes go
/// through <see cref="DashboardDbContext"/> and are read back from the primary.
/// </summary>
public sealed class ReadDbContext : DashboardDbContext
{
    public ReadDbContext(DbContextOptions<ReadDbContext> options) : base(options)
    {
        ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
    }

    /// <summary>Set when this context stands in for the primary during an outage: a write then says so.</summary>
    internal Primary.PrimaryOutage? StandsInFor { get; set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) => throw ReadOnly();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        throw ReadOnly();

    private InvalidOperationException ReadOnly() => StandsInFor is { } outage
        ? new Primary.PrimaryUnavailableException(outage)
        : new InvalidOperationException("ReadDbContext is read-only; write through DashboardDbContext.");
}
