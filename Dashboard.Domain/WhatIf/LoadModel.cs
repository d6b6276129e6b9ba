namespace Dashboard.Domain.WhatIf;

/// <summary>How one metric responds to a load multiplier. Both functions are monotone in the multiplier:
/// the value never falls and, once saturated, a metric stays saturated.</summary>
internal abstract class LoadModel
{
    /// <summary>One short sentence for <see cref="ResourceProjection.Model"/>.</summary>
    public abstract string Description { get; }

    /// <summary>The same in everyday words, without formulas, for <see cref="ResourceProjection.InWords"/>.</summary>
    public abstract string InWords { get; }

    /// <summary>The projected value at <paramref name="multiplier"/> times today's load; finite; today's reading at 1x
    /// for every model but disk (which looks ahead a horizon).</summary>
    public abstract double ValueAt(double multiplier);

    /// <summary>Whether demand has reached capacity at <paramref name="multiplier"/>.</summary>
    public abstract bool IsSaturatedAt(double multiplier);
}
