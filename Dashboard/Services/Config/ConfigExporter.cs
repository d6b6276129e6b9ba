using System.Globalization;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.WhatIf;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Services.Sources;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Services.Config;

/// <summary>
/// The configuration in force as one document, read from the primary: every resource (built-ins: the query if one
/// is saved, levels, window, entity label, note, load model; user-defined: everything), the SLO, the business profile
/// (revenue figures for owners only) and the sources as the Settings page shows them, so never a secret.
/// </summary>
internal sealed class ConfigExporter(IDbContextFactory<DashboardDbContext> writes, SourceSettingsService sources, TimeProvider time)
{
    public const string FileName = "dashboard-config.yml";

    public async Task<string> ExportAsync(ConfigActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        IReadOnlyList<MetricSettingRow> rows;
        BusinessProfileRow profile;
        await using (var db = await writes.CreateDbContextAsync(cancellationToken))
        {
            rows = await db.MetricSettings.AsNoTracking().ToListAsync(cancellationToken);
            profile = await db.BusinessProfiles.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new BusinessProfileRow();
        }
        var document = Build(rows, profile, await sources.GetAsync(cancellationToken), actor.MaySetRevenue);
        return ConfigYamlWriter.Write(document,
        [
            $"Dashboard configuration, exported {time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC by {actor.Name}.",
            "Import it with POST /api/v1/config/import or name it in Dashboard:ConfigFile (docs/decisions/024-configuration-as-code.md).",
            "Secrets (tokens, passwords) are never written: an import keeps a source's stored secret while its origin stays the same.",
            actor.MaySetRevenue ? "Revenue figures are included (owner export); keep this file where only owners can read it."
                : "Revenue figures are left out (owners only); an import of this file keeps the stored ones.",
        ]);
    }

    /// <summary>The document for these stored rows, profile and sources.</summary>
    public static ConfigDocument Build(IEnumerable<MetricSettingRow> rows, BusinessProfileRow profile, SourceSettingsView sources, bool includeRevenue)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var order = MetricCatalog.Default.Metrics.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return new ConfigDocument
        {
            Resources = [.. rows
                .OrderBy(r => order.GetValueOrDefault(r.MetricId, int.MaxValue))
                .ThenBy(r => r.MetricId, StringComparer.Ordinal)
                .Select(Entry)],
            Slo = new SloSection(profile.SloTargetPercent),
            Business = new BusinessSection
            {
                ActiveUsers = profile.ActiveUsers,
                MonthlyInfraSpendUsd = profile.MonthlyInfraSpendUsd,
                ConversionBaselineLatencyMs = profile.ConversionBaselineLatencyMs,
                Revenue = includeRevenue ? new RevenueFigures(profile.MonthlyRecurringRevenueUsd, profile.RevenuePerConversionUsd) : null,
            },
            Sources = ConfigSources.FromView(sources),
        };
    }

    /// <summary>
    /// A row as its document entry: what saving it again needs, nothing more. A built-in's name, category, unit and
    /// direction are the catalog's and stay out; a note, load model or query at its default stays out too.
    /// </summary>
    public static ResourceDraft Entry(MetricSettingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var draft = ResourceRows.ToDraft(row);
        var defaultModel = row.IsBuiltIn ? nameof(LoadModelChoice.Auto) : nameof(LoadModelChoice.Linear);
        draft = draft with
        {
            Note = string.IsNullOrEmpty(draft.Note) ? null : draft.Note,
            LoadModel = draft.LoadModel == defaultModel ? null : draft.LoadModel,
        };
        return row.IsBuiltIn ? draft with { Name = null, Category = null, Unit = null, Direction = null } : draft;
    }
}
