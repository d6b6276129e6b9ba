using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Services.Forecasts;
using Dashboard.Services.Resources;
using Dashboard.Services.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Services.Config;

/// <summary>
/// Applies a configuration document all or nothing (docs/decisions/024-configuration-as-code.md): read and checked
/// first (syntax, types, unknown keys, <see cref="ConfigDocumentRules"/>, who may change what, the sources as the
/// Settings page checks them, Prometheus' parser on changed queries), every problem reported by line and field; then
/// every change written in one transaction on the primary with its audit rows (the services' own, plus one for the
/// import), and only after the commit the catalog cache written through, the sources reloaded and new history read.
/// A dry run does all of it and rolls the transaction back.
/// </summary>
internal sealed class ConfigImporter(
    IDbContextFactory<DashboardDbContext> writes,
    ResourceService resources,
    SourceSettingsService sources,
    ConfigSources sourceInput,
    HybridCache cache,
    Dashboard.Jobs.Readings.ReadingService readings,
    TimeProvider time)
{
    public const string AuditAction = "config.import";

    /// <summary>One import at a time across every process (a transaction-scoped advisory lock): "dashconf".</summary>
    private const long ImportLock = 0x64617368636f6e66;

    public async Task<ConfigImportResult> ImportAsync(string text, ConfigActor actor, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var read = ConfigYamlReader.Read(text);
        var problems = ConfigDocumentRules.Check(read).ToList();
        if (problems.Count > 0 || read.Document is not { } document)
        {
            return new ConfigImportResult(null, problems);
        }
        var at = read.Positions;
        var warnings = new List<ConfigProblem>();

        SourceSettingsPlan? plan = null;
        if (document.Sources is { } section)
        {
            plan = sources.Plan(sourceInput.ToInput(section, at, warnings));
            problems.AddRange(plan.Errors.SelectMany(e => e.Value.Select(m => at.At(ConfigSources.PathOf(e.Key, section), m))));
        }

        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ImportLock})", cancellationToken);
        var rows = await db.MetricSettings.ToDictionaryAsync(r => r.MetricId, StringComparer.Ordinal, cancellationToken);
        var listed = document.Resources ?? [];
        var changes = listed.Select((draft, index) => (Draft: draft, Index: index, Row: rows.GetValueOrDefault(draft.Id!)))
            .Where(c => c.Row is null || !Same(c.Row, c.Draft))
            .ToList();
        if (problems.Count == 0)
        {
            foreach (var (draft, index, _) in changes)
            {
                problems.AddRange((await resources.ParseAsync(draft, cancellationToken)).Select(p => at.At($"resources[{index}].{p.Field}", p.Message)));
            }
        }
        var ids = listed.Select(r => r.Id!).ToHashSet(StringComparer.Ordinal);
        var deletions = document.Prune ? rows.Values.Where(r => !r.IsBuiltIn && !ids.Contains(r.MetricId)).OrderBy(r => r.MetricId, StringComparer.Ordinal).ToList() : [];

        var profile = await db.BusinessProfiles.SingleOrDefaultAsync(cancellationToken);
        var business = Business(document, profile ?? new BusinessProfileRow(), actor, at, problems);
        if (problems.Count > 0)
        {
            return new ConfigImportResult(null, [.. problems.OrderBy(p => p.Line).ThenBy(p => p.Column)]);
        }

        var now = time.GetUtcNow();
        var created = new List<string>();
        var updated = new List<string>();
        var repointed = new List<string>();
        foreach (var (draft, _, row) in changes)
        {
            var staged = resources.Stage(db, row, draft.Id!, draft, actor.Name, now);
            (staged.Created ? created : updated).Add(draft.Id!);
            if (staged.Repointed)
            {
                repointed.Add(draft.Id!);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var row in deletions)
        {
            await ResourceService.StageDeleteAsync(db, row, actor.Name, now, cancellationToken);
        }
        IReadOnlyList<string> businessChanged = [];
        if (business is not null && BusinessProfileService.ChangedFields(profile ?? new BusinessProfileRow(), business).Count > 0)
        {
            if (profile is null)
            {
                profile = new BusinessProfileRow();
                db.BusinessProfiles.Add(profile);
            }
            businessChanged = BusinessProfileService.Stage(db, profile, business, actor.Name, now);
        }
        var sourcesChanged = plan is { Changed.Count: > 0 } ? plan.Changed : [];
        if (sourcesChanged.Count > 0)
        {
            await sources.StageAsync(db, plan!, actor.Name, now, cancellationToken);
        }
        var summary = new ConfigImportSummary
        {
            DryRun = dryRun,
            Created = created,
            Updated = updated,
            Deleted = [.. deletions.Select(r => r.MetricId)],
            Unchanged = listed.Count - changes.Count,
            BusinessChanged = businessChanged,
            SourcesChanged = sourcesChanged,
            Warnings = [.. warnings.Select(w => w.ToString())],
        };
        db.AuditLog.Add(new AuditEntryRow { At = now, Actor = actor.Name, Action = AuditAction, Subject = "configuration", Details = summary.Describe() });
        await db.SaveChangesAsync(cancellationToken);
        if (dryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ConfigImportResult(summary, []);
        }
        await transaction.CommitAsync(cancellationToken);

        if (changes.Count > 0 || deletions.Count > 0)
        {
            await SystemStatusService.WriteCatalogThroughAsync(db, cache, readings, cancellationToken);
        }
        if (deletions.Count > 0)
        {
            await cache.RemoveByTagAsync(ForecastQueryService.Tag, cancellationToken);
        }
        if (businessChanged.Count > 0)
        {
            await BusinessProfileService.WriteThroughAsync(cache, profile!, cancellationToken);
        }
        if (sourcesChanged.Count > 0)
        {
            await sources.ReloadAsync(cancellationToken);
        }
        foreach (var id in repointed)
        {
            resources.Backfill(id);
        }
        return new ConfigImportResult(summary, []);
    }

    /// <summary>Whether saving the draft would leave the row as it is (then it is neither written nor audited).</summary>
    private static bool Same(MetricSettingRow row, ResourceDraft draft)
    {
        var probe = new MetricSettingRow { MetricId = row.MetricId, Category = "", Name = "", Unit = "", Direction = "" };
        ResourceRows.Apply(probe, draft with { Id = row.MetricId });
        return ResourceRows.ToDraft(probe) == ResourceRows.ToDraft(row);
    }

    /// <summary>
    /// The profile the document asks for (the stored one with the document's fields over it), or null when it has
    /// neither an slo nor a business section; what the actor may not change is a problem at its field.
    /// </summary>
    private static BusinessProfileInput? Business(ConfigDocument document, BusinessProfileRow stored, ConfigActor actor, ConfigPositions at, List<ConfigProblem> problems)
    {
        if (document.Slo is null && document.Business is null)
        {
            return null;
        }
        var before = BusinessProfileService.InputOf(stored);
        var input = before with { SloTargetPercent = document.Slo?.TargetPercent ?? before.SloTargetPercent };
        if (document.Business is { } b)
        {
            input = input with { ActiveUsers = b.ActiveUsers, MonthlyInfraSpendUsd = b.MonthlyInfraSpendUsd, ConversionBaselineLatencyMs = b.ConversionBaselineLatencyMs };
            if (b.Revenue is { } revenue)
            {
                if (!actor.MaySetRevenue)
                {
                    problems.Add(at.At("business.monthlyRecurringRevenueUsd", "revenue figures are for owners only; leave monthlyRecurringRevenueUsd and revenuePerConversionUsd out (the stored figures are kept)."));
                }
                input = input with { MonthlyRecurringRevenueUsd = revenue.MonthlyRecurringRevenueUsd, RevenuePerConversionUsd = revenue.RevenuePerConversionUsd };
            }
        }
        if (!actor.MayChangeBusiness)
        {
            var differs = new (string Field, bool Changed)[]
            {
                (nameof(BusinessProfileInput.SloTargetPercent), input.SloTargetPercent != before.SloTargetPercent),
                (nameof(BusinessProfileInput.ActiveUsers), input.ActiveUsers != before.ActiveUsers),
                (nameof(BusinessProfileInput.MonthlyInfraSpendUsd), input.MonthlyInfraSpendUsd != before.MonthlyInfraSpendUsd),
                (nameof(BusinessProfileInput.ConversionBaselineLatencyMs), input.ConversionBaselineLatencyMs != before.ConversionBaselineLatencyMs),
            };
            foreach (var (field, _) in differs.Where(d => d.Changed))
            {
                problems.Add(at.At(ConfigDocumentRules.BusinessPaths[field],
                    "only an owner may change the business profile and the SLO; leave it as exported, or leave the section out."));
            }
        }
        return input;
    }
}
