using System.Globalization;
using System.Security.Claims;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Security;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Services;

/// <summary>The levels a threshold override asks for; null sustained-for means "at once".</summary>
public sealed record ThresholdInput(double? Warning, double? Critical, int? SustainedForSeconds);

/// <summary>
/// Per-deployment threshold overrides (owner and engineer): checked by the Domain's own rules
/// (direction, order, finiteness), written to the primary with an audit row, and the cached
/// catalog dropped so gauges, forecasts and what-if use the new levels from their next read.
/// </summary>
public sealed class ThresholdSettingsService(IDbContextFactory<DashboardDbContext> writes, HybridCache cache, Dashboard.Jobs.Readings.ReadingService readings, TimeProvider time)
{
    /// <summary>The longest sustained-for window accepted (one day).</summary>
    public const int MaxSustainedForSeconds = 86_400;

    /// <summary>The outcome: the saved row, or errors by field, or not found / forbidden.</summary>
    public sealed record Result(MetricSettingRow? Row, Dictionary<string, string[]>? Errors, bool NotFound = false, bool Forbidden = false);

    private static string Show(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Validates one override without saving it (the form checks as you type).</summary>
    public static Dictionary<string, string[]> Validate(string metricId, ThresholdInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!MetricCatalog.Default.TryGet(metricId, out var metric))
        {
            errors["metricId"] = [$"Unknown metric id '{metricId}'."];
            return errors;
        }
        if (input.Warning is not { } warning || !double.IsFinite(warning))
        {
            errors["warning"] = [$"{metric.Name}: enter a warning level (a number); the warning level is required."];
        }
        if (input.Critical is not { } critical || !double.IsFinite(critical))
        {
            errors["critical"] = [$"{metric.Name}: enter a critical level (a number); the critical level is required."];
        }
        if (input.SustainedForSeconds is { } s && (s < 0 || s > MaxSustainedForSeconds))
        {
            errors["sustainedForSeconds"] = [s < 0
                ? $"{metric.Name}: sustained for cannot be negative ({s} s); use 0 to alert at once."
                : $"{metric.Name}: sustained for is at most one day (86,400 s), not {s.ToString("N0", CultureInfo.InvariantCulture)} s."];
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        if (metric.Unit == MetricUnits.Percent)
        {
            foreach (var (field, value) in new[] { ("warning", input.Warning!.Value), ("critical", input.Critical!.Value) })
            {
                if (value is < 0 or > 100)
                {
                    errors[field] = [$"{metric.Name}: levels are percentages between 0 and 100, not {Show(value)}."];
                }
            }
            if (errors.Count > 0)
            {
                return errors;
            }
        }
        // The order, in the words of the metric's own direction (the Domain's rule, said before it throws).
        var (w, c) = (input.Warning!.Value, input.Critical!.Value);
        if (metric.Threshold.Direction == ThresholdDirection.AboveIsBad && c < w)
        {
            errors["critical"] = [$"Higher is worse for {metric.Name}, so the critical level ({Show(c)}) must be at or above warning ({Show(w)})."];
            return errors;
        }
        if (metric.Threshold.Direction == ThresholdDirection.BelowIsBad && c > w)
        {
            errors["critical"] = [$"Lower is worse for {metric.Name}, so the critical level ({Show(c)}) must be at or below warning ({Show(w)})."];
            return errors;
        }
        try
        {
            _ = MetricCatalog.Default.WithOverrides([new ThresholdOverride(metricId, input.Warning, input.Critical, Sustained(input))]);
        }
        catch (DomainValidationException ex)
        {
            errors["critical"] = [$"{metric.Name}: {ex.Message}"];
        }
        return errors;
    }

    /// <summary>Saves an override; owners and engineers only.</summary>
    public Task<Result> UpdateAsync(ClaimsPrincipal user, string metricId, ThresholdInput input, CancellationToken cancellationToken) =>
        SaveAsync(user, metricId, input, isReset: false, cancellationToken);

    /// <summary>Puts a metric back to the catalog's default levels.</summary>
    public Task<Result> ResetAsync(ClaimsPrincipal user, string metricId, CancellationToken cancellationToken)
    {
        if (!MetricCatalog.Default.TryGet(metricId, out var metric))
        {
            return Task.FromResult(new Result(null, null, NotFound: true));
        }
        var t = metric.Threshold;
        return SaveAsync(user, metricId, new ThresholdInput(t.Warning, t.Critical, t.SustainedFor is { } w ? (int)w.TotalSeconds : null), isReset: true, cancellationToken);
    }

    private async Task<Result> SaveAsync(ClaimsPrincipal user, string metricId, ThresholdInput input, bool isReset, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Owner) && !user.IsInRole(Roles.Engineer))
        {
            return new Result(null, null, Forbidden: true);
        }
        if (!MetricCatalog.Default.TryGet(metricId, out _))
        {
            return new Result(null, null, NotFound: true);
        }
        var errors = Validate(metricId, input);
        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }

        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        var row = await db.MetricSettings.SingleAsync(m => m.MetricId == metricId, cancellationToken);
        var before = Describe(row.Warning, row.Critical, row.SustainedForSeconds);
        var actor = user.Identity?.Name ?? "unknown";
        row.Warning = input.Warning!.Value;
        row.Critical = input.Critical!.Value;
        row.SustainedForSeconds = input.SustainedForSeconds is > 0 ? input.SustainedForSeconds : null;
        row.IsOverridden = !isReset;
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = actor;
        db.AuditLog.Add(new AuditEntryRow
        {
            At = row.UpdatedAt,
            Actor = actor,
            Action = isReset ? "threshold.reset" : "threshold.override",
            Subject = metricId,
            Details = $"{before} -> {Describe(row.Warning, row.Critical, row.SustainedForSeconds)}",
        });
        await db.SaveChangesAsync(cancellationToken);
        await SystemStatusService.WriteCatalogThroughAsync(db, cache, readings, cancellationToken);
        return new Result(row, null);
    }

    private static TimeSpan? Sustained(ThresholdInput input) =>
        input.SustainedForSeconds is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.Zero;

    private static string Describe(double warning, double critical, int? sustained) =>
        string.Create(CultureInfo.InvariantCulture, $"warning {warning}, critical {critical}, sustained {(sustained is { } s ? $"{s} s" : "none")}");
}
