using System.Globalization;
using Dashboard.Domain.Catalog;

namespace Dashboard.Domain.Advice;

/// <summary>
/// Walks the "database feels slow" path over measured signals. Query optimisation always comes
/// before any step that costs money: unless the queries are known to be clean, step 1 applies now
/// whatever else the signals say. After that, the first indicated step that is not done applies now.
/// </summary>
/// <param name="limits">The levels at which a signal counts as evidence.</param>
public sealed class DecisionPathAdvisor(AdviceLimits limits)
{
    /// <summary>An advisor with the chapter's levels.</summary>
    public static DecisionPathAdvisor Default { get; } = new(AdviceLimits.Default);

    /// <summary>The six steps with status and evidence, and any strategy outside the path to consider.</summary>
    /// <param name="signals">What is known about the deployment.</param>
    public DecisionPathAdvice Advise(ScalingSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var verdicts = new List<(DecisionStep Step, Verdict Verdict)>();
        foreach (var step in DecisionPathCatalog.Steps)
        {
            verdicts.Add((step, Judge(step.Id, signals)));
        }

        var steps = new List<StepAssessment>();
        var currentTaken = false;
        foreach (var (step, verdict) in verdicts)
        {
            var status = verdict.Kind;
            if (status == StepStatus.AppliesNow)
            {
                status = currentTaken ? StepStatus.IndicatedLater : StepStatus.AppliesNow;
                currentTaken = true;
            }

            steps.Add(new StepAssessment(step, status, verdict.Evidence));
        }

        return new DecisionPathAdvice(steps, AlsoConsider(signals));
    }

    private static string Pct(double percent) => percent.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Num(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static Verdict Indicated(List<Evidence> evidence) => new(StepStatus.AppliesNow, evidence);

    private Verdict Judge(DecisionStepId id, ScalingSignals s) => id switch
    {
        DecisionStepId.CheckQueries => s.SlowQueriesPresent switch
        {
            true => Indicated([new("SlowQueriesPresent", "slow queries present")]),
            false => new(StepStatus.Done, [new("SlowQueriesPresent", "no slow queries")]),
            null => Indicated([new("SlowQueriesPresent", "not measured: check queries first, it is free")]),
        },
        DecisionStepId.VerticalScale => JudgeVertical(s),
        DecisionStepId.AddCaching => s.CachePresent switch
        {
            true => new(StepStatus.Done, [new("CachePresent", "cache layer present")]),
            false => Indicated(WithReadShare([new("CachePresent", "no cache layer")], s)),
            null => new(StepStatus.Unknown, []),
        },
        DecisionStepId.ReadReplicas => JudgeReplicas(s),
        DecisionStepId.PartitionTables => JudgePartitioning(s),
        _ => JudgeSharding(s),
    };

    private Verdict JudgeVertical(ScalingSignals s)
    {
        var evidence = new List<Evidence>();
        if (s.CpuSustained is { } cpu && cpu.Value > limits.CpuHigh)
        {
            evidence.Add(new("CpuSustained", $"CPU {Pct(cpu.Value)} sustained (> {Pct(limits.CpuHigh)})"));
        }

        if (s.CacheHitRatio is { } hit && hit.Value < limits.CacheHitRatioLow)
        {
            evidence.Add(new("CacheHitRatio", $"buffer cache hit ratio {Pct(hit.Value * 100)} (< {Pct(limits.CacheHitRatioLow * 100)}): working set exceeds RAM"));
        }

        if (evidence.Count > 0)
        {
            return Indicated(evidence);
        }

        return s.CpuSustained is null && s.CacheHitRatio is null
            ? new(StepStatus.Unknown, [])
            : new(StepStatus.NotIndicated, []);
    }

    private Verdict JudgeReplicas(ScalingSignals s)
    {
        if (s.ReplicaPresent == true)
        {
            return new(StepStatus.Done, [new("ReplicaPresent", "read replica present")]);
        }

        if (s.ReadShare is not { } reads)
        {
            return new(StepStatus.Unknown, []);
        }

        return reads.Value > limits.ReadHeavyShare
            ? Indicated(WithReadShare([], s))
            : new(StepStatus.NotIndicated, WithReadShare([], s));
    }

    private Verdict JudgePartitioning(ScalingSignals s)
    {
        if (s.PartitioningInUse == true)
        {
            return new(StepStatus.Done, [new("PartitioningInUse", "large tables partitioned")]);
        }

        if (s.LargestTableRows is not { } rows)
        {
            return new(StepStatus.Unknown, []);
        }

        var finding = new Evidence("LargestTableRows", $"largest table {Num(rows)} rows (> {Num(limits.LargeTableRows)})");
        return rows > limits.LargeTableRows ? Indicated([finding]) : new(StepStatus.NotIndicated, []);
    }

    private Verdict JudgeSharding(ScalingSignals s)
    {
        if (s.ShardingInUse == true)
        {
            return new(StepStatus.Done, [new("ShardingInUse", "data sharded")]);
        }

        if (s.DatabaseSizeBytes is not { } size || s.WritesPerSecond is not { } writes)
        {
            return new(StepStatus.Unknown, []);
        }

        if (size > limits.LargeDatabaseBytes && writes > limits.HighWritesPerSecond)
        {
            return Indicated(
            [
                new("DatabaseSizeBytes", $"database {Num(size / (double)(1L << 40))} TiB (> 1 TiB)"),
                new("WritesPerSecond", $"{Num(writes)} writes/s (> {Num(limits.HighWritesPerSecond)})"),
            ]);
        }

        return new(StepStatus.NotIndicated, []);
    }

    private List<Evidence> WithReadShare(List<Evidence> evidence, ScalingSignals s)
    {
        if (s.ReadShare is { } reads)
        {
            evidence.Add(new("ReadShare", $"{Pct(reads.Value * 100)} reads (read-heavy above {Pct(limits.ReadHeavyShare * 100)})"));
        }

        return evidence;
    }

    private List<StrategyAdvice> AlsoConsider(ScalingSignals s)
    {
        var advice = new List<StrategyAdvice>();
        if (s.ConnectionSaturation is { } conns && conns.Value > limits.ConnectionSaturationHigh && s.ConnectionPoolerPresent != true)
        {
            advice.Add(new StrategyAdvice(
                ScalingStrategyCatalog.Get(ScalingStrategyId.ConnectionPooling),
                [new("ConnectionSaturation", $"{Pct(conns.Value)} of max connections (> {Pct(limits.ConnectionSaturationHigh)})")]));
        }

        return advice;
    }

    private sealed record Verdict(StepStatus Kind, IReadOnlyList<Evidence> Evidence);
}
