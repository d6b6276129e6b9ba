using System.Security.Claims;

namespace Dashboard.Services.Reports;

/// <summary>Asks for capacity reports and reads them back, role-checked (the card talks to this).</summary>
public interface IReportService
{
    /// <summary>Records a queued report and enqueues the job that builds it; throws
    /// <see cref="UnauthorizedAccessException"/> when <paramref name="user"/> may not have that audience's report.</summary>
    Task<ReportView> RequestAsync(ClaimsPrincipal user, ReportAudience audience, CancellationToken cancellationToken);

    /// <summary>One report, or null when it does not exist or <paramref name="user"/> may not see its audience.</summary>
    Task<ReportView?> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken);

    /// <summary>The latest reports <paramref name="user"/> may see (of one audience when given), newest first.</summary>
    Task<IReadOnlyList<ReportView>> ListAsync(ClaimsPrincipal user, ReportAudience? audience, int take, CancellationToken cancellationToken);

    /// <summary>A finished report's document, or null (missing, not finished, or not for <paramref name="user"/>).</summary>
    Task<ReportFile?> DownloadAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken);
}
