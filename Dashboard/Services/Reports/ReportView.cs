using System.Globalization;

namespace Dashboard.Services.Reports;

/// <summary>The states of a report (stored as their names).</summary>
public enum ReportState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>A report's status and progress, without its content: for the card and the API.</summary>
public sealed record ReportView(
    Guid Id,
    string Audience,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string State,
    int Progress,
    string? Step,
    string? Error,
    long? SizeBytes)
{
    /// <summary>Still queued or running.</summary>
    public bool IsActive => State is nameof(ReportState.Queued) or nameof(ReportState.Running);

    /// <summary>Built and downloadable.</summary>
    public bool IsReady => State == nameof(ReportState.Succeeded);

    /// <summary>Where the finished document is downloaded.</summary>
    public string DownloadUrl => $"/api/v1/reports/{Id}/download";

    /// <summary>"capacity-report-owner-2026-11-29-1405.html".</summary>
    public string FileName => FileNameFor(Audience, RequestedAt);

    public static string FileNameFor(string audience, DateTimeOffset requestedAt) =>
        $"capacity-report-{audience}-{requestedAt.UtcDateTime.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture)}.html";
}

/// <summary>A finished report's document.</summary>
public sealed record ReportFile(byte[] Content, string ContentType, string FileName);
