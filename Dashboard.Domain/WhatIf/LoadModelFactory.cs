using System.Globalization;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;

namespace Dashboard.Domain.WhatIf;

/// <summary>Picks the load model of each catalog metric from its id, or says why the metric is left out.</summary>
internal sealed class LoadModelFactory
{
    public const string NoReading = "no current reading";
    public const string NoModel = "no load model for this metric";
    public const string ChosenNotLoadDriven = "not load-driven (the load model chosen for this resource)";
    public const string NoGrowthRate = "no growth rate: disk use does not jump with load, its growth does";
    public const string NoBottleneck = "no CPU or DB connections reading to tell how busy the bottleneck is";
    public const string UptimeNotLoadDriven =
        "not load-driven: uptime follows failures and deploys; overload shows here as saturation, latency and errors";
    public const string BusinessNotLoadDriven =
        "not load-driven: a business success rate; overload shows here as saturation, latency and errors";

    private readonly IReadOnlyDictionary<string, LoadBaseline> readings;
    private readonly WhatIfAssumptions assumptions;
    private readonly Bottleneck? requests;
    private readonly Bottleneck? workers;

    public LoadModelFactory(IReadOnlyDictionary<string, LoadBaseline> readings, WhatIfAssumptions assumptions)
    {
        this.readings = readings;
        this.assumptions = assumptions;
        var requestUtilisation = assumptions.BottleneckUtilisation ?? MeasuredBottleneck(readings);
        requests = Queue(requestUtilisation);
        workers = Queue(assumptions.QueueUtilisation ?? requestUtilisation);
    }

    /// <summary>The model of <paramref name="metric"/>, or null with the reason it is not projected.</summary>
    public LoadModel? Create(MetricDefinition metric, out string reason)
    {
        reason = string.Empty;
        var kind = KindOf(metric);
        if (kind is ModelKind.Uptime or ModelKind.Business or ModelKind.None or ModelKind.NotLoadDriven)
        {
            reason = kind switch
            {
                ModelKind.NotLoadDriven => ChosenNotLoadDriven,
                ModelKind.Uptime => UptimeNotLoadDriven,
                ModelKind.Business => BusinessNotLoadDriven,
                _ => NoModel,
            };
            return null;
        }

        if (!readings.TryGetValue(metric.Id, out var baseline))
        {
            reason = NoReading;
            return null;
        }

        var current = baseline.CurrentValue;
        LoadModel? model = kind switch
        {
            ModelKind.Linear => new LinearLoad(current, current, "scales linearly with load; above 100 % is demand beyond capacity"),
            ModelKind.Memory => Memory(current),
            ModelKind.Disk => Disk(current, baseline.GrowthPerDay),
            ModelKind.Latency when requests is not null => Latency(current, requests, metric.Id == MetricIds.LatencyP99, "the bottleneck"),
            ModelKind.QueueLatency when workers is not null => Latency(current, workers, false, "the queue's workers"),
            ModelKind.QueueDepth when workers is not null => new QueueLength(
                current, workers, $"M/M/1 queue: jobs waiting rise as u\u00b2/(1 - u) of the workers, {Busy(workers)}"),
            ModelKind.ErrorRate when requests is not null => new OverloadErrorRate(
                current, requests, "unchanged until the bottleneck saturates, then the requests beyond capacity fail"),
            _ => null,
        };
        if (model is null)
        {
            reason = kind == ModelKind.Disk ? NoGrowthRate : NoBottleneck;
        }

        return model;
    }

    private LinearLoad Memory(double current)
    {
        var share = assumptions.MemoryFixedShare;
        var fixedPart = share * current;
        return new LinearLoad(current, current - fixedPart, $"{Show(share * 100)} % of today's use is fixed, the rest scales with load");
    }

    private LinearLoad? Disk(double current, double? growthPerDay)
    {
        if (growthPerDay is not { } growth)
        {
            return null;
        }

        var days = assumptions.DiskHorizonDays;
        if (growth <= 0)
        {
            return new LinearLoad(current, 0, $"not growing today, so more load does not fill it within {Show(days)} days");
        }

        var horizonGrowth = growth * days;
        return new LinearLoad(current + horizonGrowth, horizonGrowth, $"today's use plus {Show(days)} days of growth, the growth scaled with load");
    }

    private QueueingLatency Latency(double current, Bottleneck bottleneck, bool isTail, string who)
    {
        var exponent = isTail ? assumptions.P99LatencyExponent : 1;
        var growth = exponent == 1 ? "1/(1 - u)" : $"(1/(1 - u))^{Show(exponent)}";
        return new QueueingLatency(current, bottleneck, exponent, $"M/M/1 queueing: rises as {growth} of {who}, {Busy(bottleneck)}");
    }

    private Bottleneck? Queue(double? utilisation) =>
        utilisation is { } u ? new Bottleneck(u, assumptions.UtilisationCeiling) : null;

    private static double? MeasuredBottleneck(IReadOnlyDictionary<string, LoadBaseline> readings)
    {
        double? busiest = null;
        foreach (var id in (string[])[MetricIds.Cpu, MetricIds.DbConnections])
        {
            if (readings.TryGetValue(id, out var reading))
            {
                busiest = Math.Max(busiest ?? 0, reading.CurrentValue / 100);
            }
        }

        return busiest;
    }

    private static ModelKind KindOf(MetricDefinition metric)
    {
        // A resource's own choice (user-defined resources); the built-ins pick by id.
        switch (metric.LoadModel)
        {
            case LoadModelChoice.NotLoadDriven:
                return ModelKind.NotLoadDriven;
            case LoadModelChoice.Linear or LoadModelChoice.Growth or LoadModelChoice.Queueing
                when metric.Threshold.Direction != ThresholdDirection.AboveIsBad:
                return ModelKind.None;
            case LoadModelChoice.Linear:
                return ModelKind.Linear;
            case LoadModelChoice.Growth:
                return ModelKind.Disk;
            case LoadModelChoice.Queueing:
                return ModelKind.Latency;
        }

        if (metric.Id is MetricIds.Uptime)
        {
            return ModelKind.Uptime;
        }

        if (metric.Id is MetricIds.SignupSuccess or MetricIds.PaymentSuccess)
        {
            return ModelKind.Business;
        }

        // The models grow with load, so they only make sense where above is bad.
        return metric.Threshold.Direction != ThresholdDirection.AboveIsBad ? ModelKind.None : metric.Id switch
        {
            MetricIds.Cpu or MetricIds.DbConnections => ModelKind.Linear,
            MetricIds.Memory => ModelKind.Memory,
            MetricIds.Disk => ModelKind.Disk,
            MetricIds.LatencyP50 or MetricIds.LatencyP99 => ModelKind.Latency,
            MetricIds.QueueLatency => ModelKind.QueueLatency,
            MetricIds.QueueDepth => ModelKind.QueueDepth,
            MetricIds.ErrorRate => ModelKind.ErrorRate,
            _ => ModelKind.None,
        };
    }

    private static string Busy(Bottleneck bottleneck) => $"{Show(bottleneck.Utilisation * 100)} % busy today";

    private static string Show(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private enum ModelKind
    {
        None,
        NotLoadDriven,
        Uptime,
        Business,
        Linear,
        Memory,
        Disk,
        Latency,
        QueueLatency,
        QueueDepth,
        ErrorRate,
    }
}
