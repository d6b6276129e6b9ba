namespace Dashboard.Jobs.Storage.Entities;

/// <summary>The last outcome of each recurring job, shown in the UI and exported as metrics.</summary>
public sealed class JobRunRow
{
    public required string JobId { get; set; }
    public DateTimeOffset? LastStartedAt { get; set; }
    public DateTimeOffset? LastSucceededAt { get; set; }
    public DateTimeOffset? LastFailedAt { get; set; }
    public string? LastError { get; set; }
    public long SuccessCount { get; set; }
    public double LastDurationSeconds { get; set; }
    public string? LastRunBy { get; set; }
}
