using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Services.Reports;

/// <summary>
/// Builds one queued report: collects its content step by step (progress on the report's row),
/// renders the document, stores it, and keeps only the latest <see cref="KeepPerAudience"/> per audience.
/// Building a report that is already finished does nothing, so a retried job is harmless.
/// </summary>
public sealed partial class ReportBuilder(
    IDbContextFactory<DashboardDbContext> writes,
    CapacityReportCollector collector,
    ReportRenderer renderer,
    TimeProvider time,
    ILogger<ReportBuilder> logger)
{
    /// <summary>Reports kept per audience; older ones are deleted when a new one finishes.</summary>
    public const int KeepPerAudience = 20;

    public async Task BuildAsync(Guid reportId, CancellationToken cancellationToken)
    {
        ReportRow? row;
        await using (var db = await writes.CreateDbContextAsync(cancellationToken))
        {
            row = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        }
        if (row is null || row.State == nameof(ReportState.Succeeded) || !ReportAudiences.TryParse(row.Audience, out var audience))
        {
            return;
        }

        await UpdateAsync(reportId, r =>
        {
            r.State = nameof(ReportState.Running);
            r.StartedAt = time.GetUtcNow();
            r.Progress = 5;
            r.Step = "Starting";
            r.Error = null;
        }, cancellationToken);
        try
        {
            var report = await collector.CollectAsync(audience, row.RequestedBy,
                (percent, step) => UpdateAsync(reportId, r => { r.Progress = percent; r.Step = step; }, cancellationToken),
                cancellationToken);
            await UpdateAsync(reportId, r => { r.Progress = 90; r.Step = "Laying out the document"; }, cancellationToken);
            var content = await renderer.RenderAsync(report);
            await UpdateAsync(reportId, r =>
            {
                r.State = nameof(ReportState.Succeeded);
                r.Progress = 100;
                r.Step = "Done";
                r.Content = content;
                r.ContentType = ReportRenderer.ContentType;
                r.FinishedAt = time.GetUtcNow();
            }, cancellationToken);
            await PruneAsync(row.Audience, cancellationToken);
            LogBuilt(logger, reportId, row.Audience, content.Length);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message only: it is shown to the requester and must not carry connection strings.
            await UpdateAsync(reportId, r =>
            {
                r.State = nameof(ReportState.Failed);
                r.FinishedAt = time.GetUtcNow();
                r.Error = ex.Message.Length <= 2000 ? ex.Message : ex.Message[..2000];
            }, CancellationToken.None);
            throw;
        }
    }

    private async Task UpdateAsync(Guid id, Action<ReportRow> change, CancellationToken cancellationToken)
    {
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        var report = await db.Reports.SingleAsync(r => r.Id == id, cancellationToken);
        change(report);
        await db.SaveChangesAsync(cancellationToken);
    }

    // Finished reports beyond the latest N of the audience; queued and running ones are never removed.
    private async Task PruneAsync(string audience, CancellationToken cancellationToken)
    {
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        var keep = db.Reports.Where(r => r.Audience == audience).OrderByDescending(r => r.RequestedAt).Take(KeepPerAudience).Select(r => r.Id);
        await db.Reports
            .Where(r => r.Audience == audience && !keep.Contains(r.Id)
                        && (r.State == nameof(ReportState.Succeeded) || r.State == nameof(ReportState.Failed)))
            .ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReportId} ({Audience}) built: {Bytes} bytes")]
    private static partial void LogBuilt(ILogger logger, Guid reportId, string audience, int bytes);
}
