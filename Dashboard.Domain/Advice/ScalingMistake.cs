namespace Dashboard.Domain.Advice;

/// <summary>A detected mistake, what to do instead, and the signals that show it.</summary>
/// <param name="Id">Which mistake.</param>
/// <param name="Mistake">The mistake as the chapter names it.</param>
/// <param name="Instead">What to do instead.</param>
/// <param name="Evidence">The signals that show it.</param>
public sealed record ScalingMistake(ScalingMistakeId Id, string Mistake, string Instead, IReadOnlyList<Evidence> Evidence);
