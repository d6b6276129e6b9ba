using Dashboard.Jobs.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Auth;

/// <summary>
/// Demo mode only: a plausible business profile (a Growth-stage SaaS) so the owner and
/// designer views have figures on first start. An owner's own edits are never overwritten.
/// </summary>
internal static class DemoProfileSeeder
{
    public static async Task SeedAsync(DashboardDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.BusinessProfiles.SingleOrDefaultAsync(cancellationToken);
        if (row is null || row.UpdatedBy != "system")
        {
            return;
        }
        row.MonthlyRecurringRevenueUsd = 500_000m;
        row.ActiveUsers = 2_400;
        row.MonthlyInfraSpendUsd = 1_900m;
        row.SloTargetPercent = 99.9m;
        row.ConversionBaselineLatencyMs = 300;
        row.RevenuePerConversionUsd = 40m;
        row.UpdatedAt = now;
        row.UpdatedBy = "demo seed";
        await db.SaveChangesAsync(cancellationToken);
    }
}
