namespace Dashboard.Jobs.Storage.Entities;

/// <summary>
/// One generated capacity report: asked for by a user, built by a background job with its progress
/// here while it runs, and its finished document (bytes) kept for download.
/// </summary>
public sealed class ReportRow
{
    public Guid Id { get; set; }

    /// <summary>"owner" or "pm": who the report is written for (an owner report carries revenue figures).</summary>
    public required string Audience { get; set; }

    /// <summary>The user name that asked for it.</summary>
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>"Queued", "Running", "Succeeded" or "Failed".</summary>
    public required string State { get; set; }

    /// <summary>0-100.</summary>
    public int Progress { get; set; }

    /// <summary>What the job is doing now ("Drawing the forecast charts"), for the progress bar.</summary>
    public string? Step { get; set; }
    public string? Error { get; set; }

    /// <summary>The finished document; null until the job succeeds.</summary>
    public byte[]? Content { get; set; }
    public string? ContentType { get; set; }
}
