using Dashboard.Domain.Values;

namespace Dashboard.Domain.WhatIf;

/// <summary>
/// The assumptions of the what-if load model, each with a default; every setter checks its value and throws
/// <see cref="DomainValidationException"/> naming the assumption. See docs/decisions/008-what-if-load-model.md.
/// </summary>
public sealed record WhatIfAssumptions
{
    /// <summary>The defaults: 40 % of memory fixed, a 30-day disk horizon, p99 growing like p50, the bottleneck taken
    /// from the CPU and connection readings, queueing numbers frozen past 99 % utilisation.</summary>
    public static WhatIfAssumptions Default { get; } = new();

    /// <summary>The share of today's memory use that does not grow with load (runtime, code, warm caches), 0 to 1;
    /// default 0.4. Memory at k times the load is fixed + (today - fixed) x k.</summary>
    public double MemoryFixedShare
    {
        get;
        init => field = Guard.InRange(value, 0, 1, "What-if assumption MemoryFixedShare");
    } = 0.4;

    /// <summary>How many days ahead disk use is projected, its growth rate scaled with load; default 30, at most 3,650.</summary>
    public double DiskHorizonDays
    {
        get;
        init
        {
            Guard.Positive(value, "What-if assumption DiskHorizonDays");
            field = Guard.InRange(value, 0, 3_650, "What-if assumption DiskHorizonDays");
        }
    } = 30;

    /// <summary>The power the queueing slow-down is raised to for p99 latency, 1 to 4; default 1 (in M/M/1 every
    /// percentile of the time in the system grows by the same factor). Above 1 the tail grows faster than the median,
    /// as measured on many-worker servers.</summary>
    public double P99LatencyExponent
    {
        get;
        init => field = Guard.InRange(value, 1, 4, "What-if assumption P99LatencyExponent");
    } = 1;

    /// <summary>How busy the request-path bottleneck is today, as a fraction 0 to 1; null (the default) takes the
    /// higher of the CPU and DB connections readings. Set it when another resource (a database's CPU) is the bottleneck.</summary>
    public double? BottleneckUtilisation
    {
        get;
        init => field = value is { } fraction ? Guard.InRange(fraction, 0, 1, "What-if assumption BottleneckUtilisation") : null;
    }

    /// <summary>How busy the queue's workers are today, as a fraction 0 to 1; null (the default) uses the
    /// request-path bottleneck's utilisation, as when workers share the application's CPU and database.</summary>
    public double? QueueUtilisation
    {
        get;
        init => field = value is { } fraction ? Guard.InRange(fraction, 0, 1, "What-if assumption QueueUtilisation") : null;
    }

    /// <summary>The utilisation above which the queueing numbers stop growing, above 0.5 and below 1; default 0.99.
    /// The queueing formulas go to infinity at 1, so past this point projected latency and queue depth are frozen at the
    /// value this utilisation gives (a lower bound); at 1 and beyond the metric is flagged saturated and critical.</summary>
    public double UtilisationCeiling
    {
        get;
        init
        {
            Guard.Finite(value, "What-if assumption UtilisationCeiling");
            if (value <= 0.5 || value >= 1)
            {
                throw new DomainValidationException(
                    $"What-if assumption UtilisationCeiling must be above 0.5 and below 1, but was {Guard.Show(value)}.");
            }

            field = value;
        }
    } = 0.99;
}
