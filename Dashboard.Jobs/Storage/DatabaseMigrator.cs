using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Jobs.Storage;

/// <summary>Applies EF Core migrations to the primary and seeds reference data idempotently.</summary>
public sealed class DatabaseMigrator(
    IDbContextFactory<DashboardDbContext> contexts,
    TimeProvider time,
    ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }
        await db.Database.MigrateAsync(cancellationToken);
        await SeedAsync(db, cancellationToken);
    }

    private async Task SeedAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await CatalogSeeder.SeedAsync(db, now, cancellationToken);

        if (!await db.BusinessProfiles.AnyAsync(cancellationToken))
        {
            // An empty profile: zero revenue and users until an owner fills it in. The UI says so.
            db.BusinessProfiles.Add(new BusinessProfileRow { UpdatedAt = now, UpdatedBy = "system" });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
