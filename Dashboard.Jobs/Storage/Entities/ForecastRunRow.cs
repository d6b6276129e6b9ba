namespace Dashboard.Jobs.Storage.Entities;

/// <summary>One forecast run (scheduled or asked for from the UI), with its progress while it runs.</summary>
public sealed class ForecastRunRow
{
    public Guid Id { get; set; }

    /// <summary>"schedule" or the user name that asked for it.</summary>
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>"Queued", "Running", "Succeeded" or "Failed".</summary>
    public required string State { get; set; }
    public int SeriesTotal { get; set; }
    public int SeriesDone { get; set; }
    public int SeriesForecasted { get; set; }
    public double? SeriesPerSecond { get; set; }
    public string? Error { get; set; }
}
