using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Storage.Primary;

/// <summary>
/// The factory behind every <see cref="DashboardDbContext"/> (and Identity's scoped one): the primary while it
/// answers; during an outage a replica context in its place, so reads that normally go to the primary (settings,
/// users, API tokens, source status) keep working and writes fail with <see cref="PrimaryUnavailableException"/>.
/// </summary>
public sealed class PrimaryOrReplicaContextFactory(
    DbContextOptions<DashboardDbContext> primary,
    IDbContextFactory<ReadDbContext> replica,
    PrimaryStatus status) : IDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext()
    {
        if (status.Outage is not { } outage)
        {
            return new DashboardDbContext(primary);
        }
        var standIn = replica.CreateDbContext();
        standIn.StandsInFor = outage;
        return standIn;
    }
}
