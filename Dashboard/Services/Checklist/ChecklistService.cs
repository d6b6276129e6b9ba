using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Services.Signals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Services.Checklist;

/// <summary>
/// The readiness checklist: the Domain evaluator over the measured signals and the people's
/// ticks. Ticks are read through the cache over the replica; a tick or untick goes to the
/// primary with an audit row in the same transaction, and the cache is written through so the
/// writer (and everyone else) sees it at once, whatever the replica's lag.
/// </summary>
public sealed class ChecklistService(
    IDbContextFactory<ReadDbContext> reads,
    IDbContextFactory<DashboardDbContext> writes,
    HybridCache cache,
    SignalsSnapshotService signals,
    TimeProvider time)
{
    public const string Auto = "auto";
    public const string Manual = "manual";
    public const string CacheKey = "checklist-item-states";
    public const string CacheTag = "checklist";
    public const string TickAction = "checklist.tick";
    public const string UntickAction = "checklist.untick";
    private const string SubjectPrefix = "checklist item ";

    public async Task<ChecklistReport> GetAsync(CancellationToken cancellationToken)
    {
        var states = await GetStatesAsync(cancellationToken);
        var measured = await signals.ReadAsync(cancellationToken);
        return Build(measured, states, time.GetUtcNow());
    }

    /// <summary>
    /// The last <paramref name="limit"/> ticks and unticks, newest first, from the audit log on the
    /// primary: one indexed query of a few rows, so the person who just ticked sees it in the trail
    /// at once instead of waiting for the replica.
    /// </summary>
    public async Task<IReadOnlyList<ChecklistChange>> GetHistoryAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        var rows = await db.AuditLog
            .Where(a => a.Action == TickAction || a.Action == UntickAction)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(limit)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return [.. rows.Select(a => new ChecklistChange(
            a.At, a.Actor, a.Subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) ? a.Subject[SubjectPrefix.Length..] : a.Subject,
            a.Action == TickAction, string.IsNullOrEmpty(a.Details) ? null : a.Details))];
    }

    /// <summary>Ticks or unticks a manual item for <paramref name="user"/>; automatic and unknown items are refused by name.</summary>
    public async Task<ChecklistUpdateResult> SetAsync(ClaimsPrincipal user, string id, ChecklistTickInput input, CancellationToken cancellationToken)
    {
        if (!Policies.RolesByPolicy[Policies.Checklist].Any(user.IsInRole))
        {
            return ChecklistUpdateResult.Forbidden();
        }
        if (ChecklistCatalog.Items.FirstOrDefault(i => i.Id == id) is not { } item)
        {
            return ChecklistUpdateResult.Unknown(id);
        }
        if (item.AutoSignal is { } signal)
        {
            return ChecklistUpdateResult.Invalid("id",
                $"'{id}' ({item.Text}) is settled automatically from the {signal} signal; only manual items can be ticked.");
        }
        if (input.Done is not { } done)
        {
            return ChecklistUpdateResult.Invalid("done", "done is required: true ticks the item, false unticks it.");
        }
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > ChecklistItemStateRow.NoteMaxLength })
        {
            return ChecklistUpdateResult.Invalid("note", $"note must be at most {ChecklistItemStateRow.NoteMaxLength} characters (got {note.Length}).");
        }
        // The body is read here, not bound: the general limits (docs/decisions/026-input-limits-and-source-secrets.md) apply by hand.
        if (note is not null && Dashboard.Domain.Security.InputLimits.CheckText("note", note, ChecklistItemStateRow.NoteMaxLength, multiLine: true) is { } bad)
        {
            return ChecklistUpdateResult.Invalid("note", bad);
        }

        var now = time.GetUtcNow();
        var actor = user.Identity?.Name ?? "unknown";
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // An upsert: two people ticking the same new item at once must not collide on the key.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO checklist_item_states (item_id, done, note, updated_by, updated_at)
                VALUES ({id}, {done}, {note}, {actor}, {now})
                ON CONFLICT (item_id) DO UPDATE SET done = EXCLUDED.done, note = EXCLUDED.note,
                    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                """, cancellationToken);
            db.AuditLog.Add(new AuditEntryRow
            {
                At = now,
                Actor = actor,
                Action = done ? TickAction : UntickAction,
                Subject = SubjectPrefix + id,
                Details = note ?? "",
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // Write-through from the primary: a reader refilling the cache from a lagging replica would pin the old ticks.
        var states = await db.ChecklistItemStates.AsNoTracking().OrderBy(s => s.ItemId).ToListAsync(cancellationToken);
        await cache.SetAsync(CacheKey, states, tags: [CacheTag], cancellationToken: cancellationToken);
        var row = states.Single(s => s.ItemId == id);
        return ChecklistUpdateResult.Saved(ManualView(item, row));
    }

    /// <summary>The report from the signals snapshot and stored ticks: the Domain decides, this only shapes.</summary>
    public static ChecklistReport Build(SignalsSnapshot measured, IReadOnlyList<ChecklistItemStateRow> states, DateTimeOffset now)
    {
        var byId = states.ToDictionary(s => s.ItemId, StringComparer.Ordinal);
        // Only manual items take a person's tick: an unmeasured automatic item stays "not measured".
        var ticked = states
            .Where(s => s.Done && ChecklistCatalog.Items.Any(i => i.Id == s.ItemId && !i.IsAutomatic))
            .Select(s => s.ItemId)
            .ToHashSet(StringComparer.Ordinal);
        var results = ChecklistEvaluator.Evaluate(ChecklistCatalog.Items, measured.ToScalingSignals(), ticked);
        var phases = ChecklistEvaluator.Progress(results)
            .Select(p => new ChecklistPhaseView(
                p.Phase, (int)p.Phase, ChecklistCatalog.PhaseTitles[p.Phase], p.Done, p.Total, p.Percent,
                [.. results.Where(r => r.Item.Phase == p.Phase).Select(r => View(r, measured, byId))]))
            .ToList();
        return new ChecklistReport(now, phases);
    }

    private static ChecklistItemView View(ChecklistResult result, SignalsSnapshot measured, Dictionary<string, ChecklistItemStateRow> byId)
    {
        var item = result.Item;
        if (item.AutoSignal is not { } signal)
        {
            return ManualView(item, byId.GetValueOrDefault(item.Id)) with
            {
                State = result.Status == ChecklistItemStatus.Done ? ChecklistItemState.Done : ChecklistItemState.Open,
            };
        }
        var fact = measured.For(signal);
        return new ChecklistItemView
        {
            Id = item.Id,
            Phase = item.Phase,
            Text = item.Text,
            Kind = Auto,
            Signal = signal,
            State = !result.Measured ? ChecklistItemState.NotMeasured
                : result.Status == ChecklistItemStatus.Done ? ChecklistItemState.Done
                : ChecklistItemState.NotDone,
            Evidence = fact.IsKnown ? fact.Provenance : "not measured: " + fact.Provenance,
            EvidenceAt = fact.At,
        };
    }

    private static ChecklistItemView ManualView(ChecklistItem item, ChecklistItemStateRow? row) => new()
    {
        Id = item.Id,
        Phase = item.Phase,
        Text = item.Text,
        Kind = Manual,
        State = row?.Done == true ? ChecklistItemState.Done : ChecklistItemState.Open,
        UpdatedBy = row?.UpdatedBy,
        UpdatedAt = row?.UpdatedAt,
        Note = row?.Note,
    };

    private async Task<List<ChecklistItemStateRow>> GetStatesAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(CacheKey, async ct =>
        {
            await using var db = await reads.CreateDbContextAsync(ct);
            return await db.ChecklistItemStates.OrderBy(s => s.ItemId).ToListAsync(ct);
        }, tags: [CacheTag], cancellationToken: cancellationToken);
}
