using Dashboard.Domain.Catalog;

namespace Dashboard.Domain.Advice;

/// <summary>A strategy the signals call for, with why.</summary>
/// <param name="Strategy">The strategy-table row.</param>
/// <param name="Evidence">The signals behind it.</param>
public sealed record StrategyAdvice(ScalingStrategy Strategy, IReadOnlyList<Evidence> Evidence);
