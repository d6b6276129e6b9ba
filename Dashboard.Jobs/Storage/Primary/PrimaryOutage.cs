namespace Dashboard.Jobs.Storage.Primary;

/// <summary>An outage of the primary as users see it: "Read-only since T: primary database unreachable (reason)".</summary>
public sealed record PrimaryOutage(DateTimeOffset Since, string Reason)
{
    public string Describe() =>
        $"Read-only since {Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: primary database unreachable ({Reason})";
}
