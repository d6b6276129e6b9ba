using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;

namespace Dashboard.Services.DatabaseHealth;

/// <summary>The decision path of every monitored database, for the engineer view and GET /api/v1/decision-path.</summary>
public sealed record DecisionPathReport(DateTimeOffset GeneratedAt, SymptomView? P99, IReadOnlyList<TargetDecisionPath> Targets);

/// <summary>
/// What users feel now (the worst p99 response time on the live feed): the reason to walk the path.
/// </summary>
public sealed record SymptomView(string Entity, double? ValueMs, HealthStatus Status, double WarningMs, DateTimeOffset? SampledAt, string? StaleReason);

/// <summary>The six steps for one monitored database, judged by the Domain advisor from the signals listed.</summary>
/// <remarks>
/// <c>CurrentStep</c>: The number (1-6) of the step that applies now; null when none does.<br/>
/// </remarks>
public sealed record TargetDecisionPath(
    string Target,
    TargetState State,
    IReadOnlyList<SignalView> Signals,
    IReadOnlyList<StepView> Steps,
    int? CurrentStep,
    IReadOnlyList<StrategyView> AlsoConsider)
{
    /// <summary>The advisor's answer for one target, with the signals it was given.</summary>
    public static TargetDecisionPath Of(string target, TargetState state, IReadOnlyList<SignalView> signals, DecisionPathAdvice advice) =>
        new(target, state, signals, [.. advice.Steps.Select(StepView.Of)], advice.Current?.Step.Number,
            [.. advice.AlsoConsider.Select(a => StrategyView.Of(a.Strategy, a.Evidence))]);
}

/// <summary>
/// One ScalingSignals member as fed to the advisor: its value in words with a unit, or unknown; and
/// where it came from (which measurement, over what period), or why it is unknown.
/// </summary>
/// <remarks>
/// <c>Signal</c>: The ScalingSignals member ("CacheHitRatio").<br/>
/// <c>Known</c>: false: the advisor was given null (unknown, never assumed fine or zero).<br/>
/// <c>MeasuredAt</c>: When the measurement behind it was taken; null when unknown.<br/>
/// </remarks>
public sealed record SignalView(string Signal, string Label, bool Known, string Value, string Source, DateTimeOffset? MeasuredAt);

/// <summary>One step with its status, the advisor's evidence, its cost and expected gains.</summary>
/// <remarks>
/// <c>MonthlyCostMin</c>: Quoted monthly cost in USD (null where none is quoted).<br/>
/// <c>DbReadReductionMin</c>: For caching: share (0-1) of database reads it removes.<br/>
/// </remarks>
public sealed record StepView(
    int Number,
    DecisionStepId Id,
    string Title,
    string Action,
    StepStatus Status,
    IReadOnlyList<Evidence> Evidence,
    decimal? MonthlyCostMin,
    decimal? MonthlyCostMax,
    string? Note,
    StrategyView? Gains,
    double? DbReadReductionMin,
    double? DbReadReductionMax)
{
    public static StepView Of(StepAssessment s) => new(
        s.Step.Number, s.Step.Id, s.Step.Title, s.Step.Action, s.Status, s.Evidence,
        s.Step.MonthlyCost?.Min.Amount, s.Step.MonthlyCost?.Max.Amount, s.Step.Note,
        s.ExpectedGains is { } gains ? StrategyView.Of(gains) : null,
        s.Step.DbReadReduction?.Min.Value, s.Step.DbReadReduction?.Max.Value);
}

/// <summary>A scaling strategy with its expected read/write speed-ups (multipliers) and why it is suggested.</summary>
public sealed record StrategyView(
    ScalingStrategyId Id,
    string Name,
    string WhenToUse,
    Complexity Complexity,
    double ReadGainMin,
    double ReadGainMax,
    double WriteGainMin,
    double WriteGainMax,
    int CostTier,
    IReadOnlyList<Evidence> Evidence)
{
    public static StrategyView Of(ScalingStrategy s, IReadOnlyList<Evidence>? evidence = null) =>
        new(s.Id, s.Name, s.WhenToUse, s.Complexity, s.ReadGain.Min, s.ReadGain.Max, s.WriteGain.Min, s.WriteGain.Max, s.CostTier, evidence ?? []);
}
