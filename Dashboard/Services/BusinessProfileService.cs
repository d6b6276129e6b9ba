using System.Security.Claims;
using Dashboard.Jobs.Security;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Services;

/// <summary>
/// Reads the business profile through the cache over the replica and shapes it per role;
/// writes go to the primary, are audited, and the writer reads their own write back from it.
/// </summary>
public sealed class BusinessProfileService(
    IDbContextFactory<ReadDbContext> reads,
    IDbContextFactory<DashboardDbContext> writes,
    HybridCache cache,
    TimeProvider time)
{
    public const string CacheKey = "business-profile";
    public const string CacheTag = "business-profile";

    public async Task<BusinessProfileView> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var row = await cache.GetOrCreateAsync(CacheKey, async ct =>
        {
            await using var db = await reads.CreateDbContextAsync(ct);
            return await db.BusinessProfiles.SingleOrDefaultAsync(ct) ?? new BusinessProfileRow();
        }, tags: [CacheTag], cancellationToken: cancellationToken);
        return Shape(row, user);
    }

    public async Task<UpdateResult> UpdateAsync(ClaimsPrincipal user, BusinessProfileInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Owner))
        {
            return UpdateResult.Forbidden();
        }
        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return UpdateResult.Invalid(errors);
        }

        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        var row = await db.BusinessProfiles.SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = new BusinessProfileRow();
            db.BusinessProfiles.Add(row);
        }
        Stage(db, row, input, user.Identity?.Name ?? "unknown", time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await WriteThroughAsync(cache, row, cancellationToken);
        return UpdateResult.Saved(Shape(row, user));
    }

    /// <summary>
    /// Writes a valid input into the row with its audit row (naming the fields that changed, never amounts), unsaved,
    /// so a caller can save it with other changes in one transaction; returns the changed fields.
    /// </summary>
    internal static IReadOnlyList<string> Stage(DashboardDbContext db, BusinessProfileRow row, BusinessProfileInput input, string actor, DateTimeOffset now)
    {
        var changed = ChangedFields(row, input);
        row.MonthlyRecurringRevenueUsd = input.MonthlyRecurringRevenueUsd;
        row.ActiveUsers = input.ActiveUsers;
        row.MonthlyInfraSpendUsd = input.MonthlyInfraSpendUsd;
        row.SloTargetPercent = input.SloTargetPercent;
        row.ConversionBaselineLatencyMs = input.ConversionBaselineLatencyMs;
        row.RevenuePerConversionUsd = input.RevenuePerConversionUsd;
        row.UpdatedAt = now;
        row.UpdatedBy = actor;
        // The audit names what changed, not the amounts: the log is readable by engineers.
        db.AuditLog.Add(new AuditEntryRow
        {
            At = now,
            Actor = actor,
            Action = "business-profile.update",
            Subject = "business profile",
            Details = changed.Count == 0 ? "no changes" : "changed: " + string.Join(", ", changed),
        });
        return changed;
    }

    /// <summary>
    /// After a save: write-through, not invalidate. The replica may lag the primary, and a reader refilling the cache
    /// from it now would pin the old profile for the whole cache lifetime.
    /// </summary>
    internal static ValueTask WriteThroughAsync(HybridCache cache, BusinessProfileRow row, CancellationToken cancellationToken) =>
        cache.SetAsync(CacheKey, row, tags: [CacheTag], cancellationToken: cancellationToken);

    /// <summary>The stored profile as an input, the starting point of a change to some of its fields.</summary>
    internal static BusinessProfileInput InputOf(BusinessProfileRow row) => new()
    {
        MonthlyRecurringRevenueUsd = row.MonthlyRecurringRevenueUsd,
        ActiveUsers = row.ActiveUsers,
        MonthlyInfraSpendUsd = row.MonthlyInfraSpendUsd,
        SloTargetPercent = row.SloTargetPercent,
        ConversionBaselineLatencyMs = row.ConversionBaselineLatencyMs,
        RevenuePerConversionUsd = row.RevenuePerConversionUsd,
    };

    /// <summary>The fields that differ, in words (the audit's and an import summary's).</summary>
    internal static List<string> ChangedFields(BusinessProfileRow row, BusinessProfileInput input)
    {
        var changed = new List<string>();
        if (row.MonthlyRecurringRevenueUsd != input.MonthlyRecurringRevenueUsd) changed.Add("MRR");
        if (row.ActiveUsers != input.ActiveUsers) changed.Add("active users");
        if (row.MonthlyInfraSpendUsd != input.MonthlyInfraSpendUsd) changed.Add("infrastructure spend");
        if (row.SloTargetPercent != input.SloTargetPercent) changed.Add("SLO target");
        if (row.ConversionBaselineLatencyMs != input.ConversionBaselineLatencyMs) changed.Add("conversion baseline");
        if (row.RevenuePerConversionUsd != input.RevenuePerConversionUsd) changed.Add("revenue per conversion");
        return changed;
    }

    private static BusinessProfileView Shape(BusinessProfileRow row, ClaimsPrincipal user)
    {
        var revenue = Roles.MaySeeRevenue(user);
        return new BusinessProfileView
        {
            MonthlyRecurringRevenueUsd = revenue ? row.MonthlyRecurringRevenueUsd : null,
            RevenuePerConversionUsd = revenue ? row.RevenuePerConversionUsd : null,
            ActiveUsers = row.ActiveUsers,
            MonthlyInfraSpendUsd = row.MonthlyInfraSpendUsd,
            SloTargetPercent = row.SloTargetPercent,
            ConversionBaselineLatencyMs = row.ConversionBaselineLatencyMs,
            UpdatedAt = row.UpdatedAt,
            UpdatedBy = row.UpdatedBy,
            IncludesRevenue = revenue,
        };
    }

    public sealed record UpdateResult(BusinessProfileView? Profile, IReadOnlyDictionary<string, string[]>? Errors, bool IsForbidden)
    {
        public static UpdateResult Saved(BusinessProfileView profile) => new(profile, null, false);
        public static UpdateResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, errors, false);
        public static UpdateResult Forbidden() => new(null, null, true);
    }
}
