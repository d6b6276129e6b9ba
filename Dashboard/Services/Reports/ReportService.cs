using System.Security.Claims;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Services.Reports;

/// <summary>
/// Capacity reports on the primary: a request is a queued row (audited) plus a Hangfire job with
/// the row's id; status and documents are read back from the primary and never cached, because a
/// progress bar fed from a lagging replica would stall.
/// </summary>
public sealed class ReportService(
    IDbContextFactory<DashboardDbContext> writes,
    IBackgroundJobClient jobs,
    TimeProvider time) : IReportService
{
    public async Task<ReportView> RequestAsync(ClaimsPrincipal user, ReportAudience audience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!ReportAudiences.MayUse(user, audience))
        {
            throw new UnauthorizedAccessException($"The {audience.Name()} report is not available to this role.");
        }
        var now = time.GetUtcNow();
        var row = new ReportRow
        {
            Id = Guid.NewGuid(),
            Audience = audience.Name(),
            RequestedBy = user.Identity?.Name ?? "unknown",
            RequestedAt = now,
            State = nameof(ReportState.Queued),
            Step = "Waiting for a worker",
        };
        await using (var db = await writes.CreateDbContextAsync(cancellationToken))
        {
            db.Reports.Add(row);
            db.AuditLog.Add(new AuditEntryRow
            {
                At = now,
                Actor = row.RequestedBy,
                Action = "report.request",
                Subject = $"capacity report ({row.Audience})",
                Details = $"report {row.Id}",
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        // The job gets the id only: never the audience's figures.
        jobs.Enqueue<ReportJob>(j => j.RunAsync(row.Id, CancellationToken.None));
        return View(row, null);
    }

    public async Task<ReportView?> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var visible = ReportAudiences.VisibleTo(user);
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        return await Views(db.Reports.Where(r => r.Id == id && visible.Contains(r.Audience))).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReportView>> ListAsync(ClaimsPrincipal user, ReportAudience? audience, int take, CancellationToken cancellationToken)
    {
        var visible = ReportAudiences.VisibleTo(user).Where(a => audience is null || a == audience.Value.Name()).ToList();
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        return await Views(db.Reports.Where(r => visible.Contains(r.Audience)).OrderByDescending(r => r.RequestedAt).Take(Math.Clamp(take, 1, 100)))
            .ToListAsync(cancellationToken);
    }

    public async Task<ReportFile?> DownloadAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var visible = ReportAudiences.VisibleTo(user);
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        var found = await db.Reports.AsNoTracking()
            .Where(r => r.Id == id && visible.Contains(r.Audience) && r.State == nameof(ReportState.Succeeded) && r.Content != null)
            .Select(r => new { r.Audience, r.RequestedAt, r.Content, r.ContentType })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? null
            : new ReportFile(found.Content!, found.ContentType ?? ReportRenderer.ContentType, ReportView.FileNameFor(found.Audience, found.RequestedAt));
    }

    // Projected in SQL: the list never loads the documents themselves.
    private static IQueryable<ReportView> Views(IQueryable<ReportRow> rows) =>
        rows.AsNoTracking().Select(r => new ReportView(
            r.Id, r.Audience, r.RequestedBy, r.RequestedAt, r.StartedAt, r.FinishedAt, r.State, r.Progress, r.Step, r.Error,
            r.Content == null ? null : (long?)r.Content.Length));

    private static ReportView View(ReportRow r, long? size) =>
        new(r.Id, r.Audience, r.RequestedBy, r.RequestedAt, r.StartedAt, r.FinishedAt, r.State, r.Progress, r.Step, r.Error, size);
}
