using System.Security.Claims;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Security;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Live;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Dashboard.Services.Resources;

/// <summary>
/// The resources (built-ins and user-defined) as data: listed for the roles that may see their category,
/// created, changed and deleted by owners and engineers, each change checked field by field
/// (<see cref="ResourceRules"/>, then Prometheus' own parser for the queries), audited, and applied without
/// a restart (the ingest pass reads the table each run; the cached catalog is written through).
/// </summary>
public sealed class ResourceService(
    IDbContextFactory<DashboardDbContext> writes,
    SystemStatusService status,
    PrometheusClient prometheus,
    IOptionsMonitor<PrometheusOptions> prometheusOptions,
    HybridCache cache,
    Dashboard.Jobs.Readings.ReadingService readings,
    IBackgroundJobClient jobs,
    TimeProvider time)
{
    /// <summary>The outcome of a change: the resource, or problems by field, or not found / forbidden / refused.</summary>
    public sealed record Result(ResourceView? Resource, IReadOnlyList<InputProblem>? Problems, bool NotFound = false, bool Forbidden = false, string? Refused = null, bool Created = false);

    /// <summary>Every resource the user may see (designers: availability, latency, errors and business), built-ins first.</summary>
    public async Task<IReadOnlyList<ResourceView>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var rows = await status.GetCatalogAsync(cancellationToken);
        var configured = prometheusOptions.CurrentValue.Queries;
        var byId = rows.ToDictionary(r => r.MetricId, StringComparer.Ordinal);
        return [.. ThresholdsInForce.Resolve(rows).Metrics
            .Where(m => GaugeVisibility.MaySee(user, m.Category.ToString()))
            .Select(m => View(byId[m.Id], configured))];
    }

    /// <summary>One resource, when the user may see it.</summary>
    public async Task<ResourceView?> GetAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        (await ListAsync(user, cancellationToken)).FirstOrDefault(r => r.Id == id);

    /// <summary>The problems with a draft (the form checks as you type); the id comes from the route.</summary>
    public static IReadOnlyList<InputProblem> Check(string id, ResourceDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<InputProblem>();
        if (draft.Id is { } named && named != id)
        {
            problems.Add(new("id", $"id in the body ('{named}') differs from the id in the address ('{id}')."));
        }
        problems.AddRange(ResourceRules.Check(draft with { Id = id }));
        return problems;
    }

    /// <summary>Every problem with a draft, Prometheus' parser included, without saving it.</summary>
    public async Task<IReadOnlyList<InputProblem>> CheckAsync(string id, ResourceDraft draft, CancellationToken cancellationToken)
    {
        var problems = Check(id, draft).ToList();
        if (problems.Count == 0)
        {
            problems.AddRange(await ParseAsync(draft, cancellationToken));
        }
        return problems;
    }

    /// <summary>Creates or replaces a resource; owners and engineers only. <paramref name="via"/> names what made the change in the audit row (e.g. a preset).</summary>
    public async Task<Result> SaveAsync(ClaimsPrincipal user, string id, ResourceDraft draft, CancellationToken cancellationToken, string? via = null)
    {
        if (!MayEdit(user))
        {
            return new Result(null, null, Forbidden: true);
        }
        var problems = await CheckAsync(id, draft, cancellationToken);
        if (problems.Count > 0)
        {
            return new Result(null, problems);
        }

        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        var row = await db.MetricSettings.SingleOrDefaultAsync(m => m.MetricId == id, cancellationToken);
        var (staged, created, repointed) = Stage(db, row, id, draft, user.Identity?.Name ?? "unknown", time.GetUtcNow(), via);
        await db.SaveChangesAsync(cancellationToken);
        await SystemStatusService.WriteCatalogThroughAsync(db, cache, readings, cancellationToken);
        if (repointed)
        {
            Backfill(id);
        }
        return new Result(View(staged, prometheusOptions.CurrentValue.Queries), null, Created: created);
    }

    /// <summary>
    /// Writes a checked draft into <paramref name="db"/> (a new row when <paramref name="row"/> is null) with its audit
    /// row, unsaved, so a caller can save several in one transaction. Repointed: the measured query is new or changed,
    /// so the resource's history should be read again from Prometheus (<see cref="Backfill"/>) once saved.
    /// </summary>
    internal (MetricSettingRow Row, bool Created, bool Repointed) Stage(
        DashboardDbContext db, MetricSettingRow? row, string id, ResourceDraft draft, string actor, DateTimeOffset now, string? via = null)
    {
        var configured = prometheusOptions.CurrentValue.Queries;
        var created = row is null;
        var before = row is null ? "none" : Describe(row);
        var measuredBefore = row is null ? null : ResourceQuery.Measured(ResourceRows.ToSpec(row, configured));
        row ??= db.MetricSettings.Add(new MetricSettingRow { MetricId = id, Category = "", Name = "", Unit = "", Direction = "" }).Entity;
        ResourceRows.Apply(row, draft with { Id = id });
        row.IsOverridden = row.IsBuiltIn;
        row.UpdatedAt = now;
        row.UpdatedBy = actor;
        db.AuditLog.Add(new AuditEntryRow
        {
            At = now,
            Actor = actor,
            Action = created ? "resource.create" : "resource.update",
            Subject = id,
            Details = $"{(via is null ? "" : $"via {via}: ")}{before} -> {Describe(row)}",
        });
        return (row, created, View(row, configured).MeasuredQuery != measuredBefore);
    }

    /// <summary>Reads a new or re-pointed resource's history from Prometheus, rather than starting it empty.</summary>
    internal void Backfill(string id) => jobs.Enqueue<PrometheusIngestJob>(j => j.BackfillResourceAsync(id, CancellationToken.None));

    /// <summary>
    /// Deletes a user-defined resource and everything stored about it (its reading, history, forecasts and alerts),
    /// audited; built-ins are refused (re-point or reset them instead).
    /// </summary>
    public async Task<Result> DeleteAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        if (!MayEdit(user))
        {
            return new Result(null, null, Forbidden: true);
        }
        if (MetricCatalog.Default.TryGet(id, out var builtIn))
        {
            return new Result(null, null, Refused: $"'{id}' ({builtIn.Name}) is built in and cannot be deleted; change its query or levels instead.");
        }
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.MetricSettings.SingleOrDefaultAsync(m => m.MetricId == id, cancellationToken);
        if (row is null)
        {
            return new Result(null, null, NotFound: true);
        }
        var view = View(row, prometheusOptions.CurrentValue.Queries);
        await StageDeleteAsync(db, row, user.Identity?.Name ?? "unknown", time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await SystemStatusService.WriteCatalogThroughAsync(db, cache, readings, cancellationToken);
        await cache.RemoveByTagAsync(Forecasts.ForecastQueryService.Tag, cancellationToken);
        return new Result(view, null);
    }

    /// <summary>
    /// Deletes a user-defined resource's row and everything stored about it, audited, in the caller's transaction
    /// (the caller commits, then writes the catalog through and drops the cached forecasts).
    /// </summary>
    internal static async Task StageDeleteAsync(DashboardDbContext db, MetricSettingRow row, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.MetricSettings.Remove(row);
        db.AuditLog.Add(new AuditEntryRow { At = now, Actor = actor, Action = "resource.delete", Subject = row.MetricId, Details = Describe(row) });
        await db.SaveChangesAsync(cancellationToken);
        await ResourceData.DeleteAsync(db, row.MetricId, cancellationToken);
    }

    /// <summary>Whether the user may change resources (owner, engineer).</summary>
    public static bool MayEdit(ClaimsPrincipal user) => user.IsInRole(Roles.Owner) || user.IsInRole(Roles.Engineer);

    // Prometheus' own parser decides whether PromQL is valid; its message is shown verbatim. An unreachable
    // Prometheus cannot judge, so the draft is saved and its series will say "stale" with the reason.
    internal async Task<IReadOnlyList<InputProblem>> ParseAsync(ResourceDraft draft, CancellationToken cancellationToken)
    {
        var problems = new List<InputProblem>();
        foreach (var (query, field) in new[] { (draft.UsageQuery, "usageQuery"), (draft.CapacityQuery, "capacityQuery") })
        {
            if (string.IsNullOrWhiteSpace(query))
            {
                continue;
            }
            try
            {
                _ = await prometheus.QueryAsync(query, null, cancellationToken);
            }
            catch (PrometheusQueryException ex) when (ex.ErrorType == "bad_data")
            {
                problems.Add(new(field, $"{field}: Prometheus rejected it: {ex.Error}"));
            }
            catch (PrometheusQueryException)
            {
                // Unreachable, timeout, not configured, or an execution error: not a mistake in the expression's syntax.
            }
        }
        return problems;
    }

    private static ResourceView View(MetricSettingRow row, IReadOnlyDictionary<string, string>? configured)
    {
        var spec = ResourceRows.ToSpec(row, configured);
        return new ResourceView(
            row.MetricId, spec.Name, spec.Category.ToString(), spec.MeasuredUnit, row.UsageUnit, spec.Direction.ToString(),
            spec.Warning, spec.Critical, spec.SustainedFor is { } s ? (int)s.TotalSeconds : null,
            spec.UsageQuery, ResourceRows.QuerySource(row, configured), spec.CapacityQuery,
            string.IsNullOrWhiteSpace(spec.UsageQuery) ? "" : ResourceQuery.Measured(spec),
            spec.EntityLabel, spec.Note, spec.LoadModel.ToString(), row.IsBuiltIn, row.UpdatedAt, row.UpdatedBy);
    }

    private static string Describe(MetricSettingRow row) =>
        FormattableString.Invariant($"'{row.Name}' {row.Category} warning {row.Warning} critical {row.Critical} {row.Unit} sustained {row.SustainedForSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} query {(row.UsageQuery is null ? "default" : $"'{Clip(row.UsageQuery)}'")}{(row.CapacityQuery is null ? "" : $" capacity '{Clip(row.CapacityQuery)}'")}");

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
