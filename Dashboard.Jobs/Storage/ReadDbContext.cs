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

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("ReadDbContext is read-only; write through DashboardDbContext.");

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("ReadDbContext is read-only; write through DashboardDbContext.");
}
