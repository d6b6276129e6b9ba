namespace Dashboard.Jobs.Demo;

/// <summary>
/// The demo SaaS: what a growing B2B product's telemetry looks like at a given moment.
/// Load follows a daily curve (peak mid-afternoon UTC, trough before dawn), a quieter
/// weekend, steady user growth (about 4 % a month), an operator-set multiplier, and the odd
/// five-minute incident. Latency rises non-linearly as utilisation approaches capacity.
/// The same model drives the live demo target and the generated 90-day history, so the two
/// join without a seam. Demo only: nothing here describes a real system.
/// </summary>
public sealed class DemoTrafficModel(DateTimeOffset anchor, int activeUsersAtAnchor = 2_400)
{
    private long anchorTicks = anchor.UtcTicks;

    /// <summary>Requests per second the demo fleet serves at full capacity.</summary>
    public const double CapacityRps = 200;

    private const double MonthlyGrowth = 0.04;
    private const double BaseRps = 40;

    /// <summary>Share of requests that fail with a server error outside incidents, percent.</summary>
    public const double BaseErrorRatePercent = 0.03;

    /// <summary>The multiplier an operator sets to rehearse "what if load were k times higher" (1 = normal).</summary>
    public double LoadMultiplier { get; set; } = 1;

    /// <summary>
    /// The moment the demo's history ends and its live present begins (growth is measured from it).
    /// Moved once at start-up to the anchor of history already stored, so a restarted demo continues
    /// the same signals instead of starting them over.
    /// </summary>
    public DateTimeOffset Anchor
    {
        get => new(Interlocked.Read(ref anchorTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref anchorTicks, value.UtcTicks);
    }

    public DemoState At(DateTimeOffset t)
    {
        var anchor = Anchor;
        var growth = Math.Exp(Math.Log(1 + MonthlyGrowth) / 30 * (t - anchor).TotalDays);
        var hour = t.UtcDateTime.TimeOfDay.TotalHours;
        var daily = 0.35 + 0.65 * (0.5 - 0.5 * Math.Cos(2 * Math.PI * (hour - 3) / 24));
        var weekly = t.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.7 : 1.0;
        var incident = IsIncident(t);

        var rps = BaseRps * growth * daily * weekly * LoadMultiplier;
        var utilisation = Math.Min(rps / CapacityRps, 0.98);
        // Queueing: waiting time grows like u / (1 - u) (M/M/1), so latency bends up near capacity.
        var p50 = 60 * (1 + 0.6 * utilisation / (1 - utilisation)) * (incident ? 3 : 1);
        // Server errors (5xx) as a share of requests: a quiet background, a lot more near capacity and in incidents.
        var errorRate = BaseErrorRatePercent + Math.Max(0, utilisation - 0.8) * 12 + (incident ? 4.5 : 0);
        var queueDepth = 40 * growth * daily * LoadMultiplier * (incident ? 30 : 1);
        var days = (t - anchor).TotalDays;

        return new DemoState
        {
            At = t,
            RequestsPerSecond = rps,
            Utilisation = utilisation,
            CpuPercent = Math.Min(100, 8 + 85 * utilisation),
            MemoryPercent = Math.Min(100, 46 + 22 * utilisation + 0.03 * (days + 90)),
            DiskPercent = Math.Clamp(58 + 0.25 * days, 0, 100),
            DbConnectionsPercent = Math.Min(100, 18 + 55 * utilisation),
            LatencyP50Ms = p50,
            LatencyP99Ms = p50 * 4.2,
            ErrorRatePercent = Math.Min(100, errorRate),
            QueueDepth = queueDepth,
            QueueLatencySeconds = queueDepth / 12,
            SignupSuccessPercent = incident ? 88 : 97.5,
            PaymentSuccessPercent = incident ? 96.5 : 99.3,
            // The availability SLI: the share of requests that did not fail with a server error.
            AvailabilityPercent = 100 - Math.Min(100, errorRate),
            ActiveUsers = activeUsersAtAnchor * growth,
            IsIncident = incident,
        };
    }

    /// <summary>About one half-hour in 25 starts with a five-minute incident; which ones is fixed by the clock.</summary>
    public static bool IsIncident(DateTimeOffset t)
    {
        var bucket = t.ToUnixTimeSeconds() / 1800;
        var hash = (uint)(bucket * 2654435761L);
        return hash % 25 == 7 && t.ToUnixTimeSeconds() % 1800 < 300;
    }
}

/// <summary>The demo system's vital signs at one moment, in the catalog's units.</summary>
public sealed record DemoState
{
    public DateTimeOffset At { get; init; }
    public double RequestsPerSecond { get; init; }
    public double Utilisation { get; init; }
    public double CpuPercent { get; init; }
    public double MemoryPercent { get; init; }
    public double DiskPercent { get; init; }
    public double DbConnectionsPercent { get; init; }
    public double LatencyP50Ms { get; init; }
    public double LatencyP99Ms { get; init; }
    public double ErrorRatePercent { get; init; }
    public double QueueDepth { get; init; }
    public double QueueLatencySeconds { get; init; }
    public double SignupSuccessPercent { get; init; }
    public double PaymentSuccessPercent { get; init; }
    public double AvailabilityPercent { get; init; }
    public double ActiveUsers { get; init; }
    public bool IsIncident { get; init; }
}
