namespace Dashboard.Domain.Advice;

/// <summary>Whether one mistake of the table can be checked with the signals at hand.</summary>
/// <param name="Id">Which mistake.</param>
/// <param name="Mistake">The mistake as the chapter names it.</param>
/// <param name="Instead">What to do instead.</param>
/// <param name="UnknownSignals">The signals (named as in <see cref="ScalingSignals"/>) that are unknown and needed; empty when it can be checked.</param>
public sealed record ScalingMistakeCheck(ScalingMistakeId Id, string Mistake, string Instead, IReadOnlyList<string> UnknownSignals)
{
    /// <summary>Whether the known signals settle this mistake one way or the other.</summary>
    public bool IsChecked => UnknownSignals.Count == 0;
}
