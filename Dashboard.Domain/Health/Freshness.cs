namespace Dashboard.Domain.Health;

/// <summary>
/// The one rule for "is this reading fresh": a value that was read in time and judged against the
/// thresholds (Ok, Warning or Critical). Stale and NoData are not fresh, and a status without a value
/// is not either. Every gauge, reading, alert, projection and signal asks this, never its own copy.
/// </summary>
public static class Freshness
{
    /// <summary>
    /// How old a live reading may be and still count: a few ingest passes (15 s each). An ingest pass
    /// that finds a series older than this judges it Stale; a stored reading no pass has refreshed for
    /// longer is answered as Stale (the worker stopped).
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    /// <summary>Whether a reading with <paramref name="status"/> and a value (or none) is fresh.</summary>
    /// <param name="status">The reading's status.</param>
    /// <param name="hasValue">Whether the reading carries a value.</param>
    public static bool IsFresh(HealthStatus status, bool hasValue) =>
        hasValue && status is HealthStatus.Ok or HealthStatus.Warning or HealthStatus.Critical;

    /// <summary>Whether a reading taken at <paramref name="at"/> is still recent enough at <paramref name="now"/>
    /// (exactly <see cref="StaleAfter"/> old still counts).</summary>
    /// <param name="at">When the reading was taken.</param>
    /// <param name="now">The moment of judging.</param>
    public static bool IsRecent(DateTimeOffset at, DateTimeOffset now) => now - at <= StaleAfter;
}
