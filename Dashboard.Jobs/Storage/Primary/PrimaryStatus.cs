using Npgsql;
using Prometheus;

namespace Dashboard.Jobs.Storage.Primary;

/// <summary>
/// Whether this process can reach the primary, and if not since when and why (docs/decisions/028). Set by
/// <see cref="PrimaryProbe"/> and, at once, by a failed primary connection (<see cref="PrimaryFailureInterceptor"/>);
/// read by the banner, the write guard, /health and the context factory that sends reads to the replica meanwhile.
/// </summary>
public sealed class PrimaryStatus(TimeProvider time)
{
    private static readonly Gauge ReadOnly = Metrics.CreateGauge(
        "dashboard_primary_read_only", "1 while this process cannot reach the primary database and serves read-only, else 0.");

    private readonly Lock gate = new();
    private volatile PrimaryOutage? outage;

    /// <summary>Raised on every change between reachable and unreachable (not on a repeated failure).</summary>
    public event Action? Changed;

    /// <summary>
    /// A request's connection to the primary failed: the probe checks at once and decides. One broken
    /// connection (a terminated backend, a stale pooled socket) is not an outage; a primary that does not
    /// answer the probe is (decision 028).
    /// </summary>
    public event Action? Suspected;

    public void ReportSuspect() => Suspected?.Invoke();

    /// <summary>The ongoing outage, or null while the primary answers.</summary>
    public PrimaryOutage? Outage => outage;

    public bool IsReadOnly => outage is not null;

    public void ReportUnreachable(string reason)
    {
        lock (gate)
        {
            if (outage is not null)
            {
                return;
            }
            outage = new PrimaryOutage(time.GetUtcNow(), reason);
        }
        ReadOnly.Set(1);
        // Pooled connections to the lost server are dead; drop them rather than fail one request each.
        NpgsqlConnection.ClearAllPools();
        Changed?.Invoke();
    }

    public void ReportReachable()
    {
        lock (gate)
        {
            if (outage is null)
            {
                return;
            }
            outage = null;
        }
        ReadOnly.Set(0);
        NpgsqlConnection.ClearAllPools();
        Changed?.Invoke();
    }
}
