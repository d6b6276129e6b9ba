namespace Dashboard.Domain.Values;

/// <summary>
/// A warning and a critical level for one metric, with the side that is bad, the unit both
/// levels are in and an optional "sustained for" window (the Prometheus <c>for:</c>): the
/// condition must hold that long before an alert fires.
/// </summary>
/// <remarks>
/// Comparisons are strict: with <see cref="ThresholdDirection.AboveIsBad"/> and a warning of 200,
/// exactly 200 is fine and anything above is a warning ("&gt; 200 ms" in the chapter's table);
/// with <see cref="ThresholdDirection.BelowIsBad"/> and a warning of 99.9, exactly 99.9 is fine.
/// The critical level must be at least as severe as the warning level.
/// </remarks>
public sealed record Threshold
{
    /// <summary>Creates a threshold; throws <see cref="DomainValidationException"/> when the levels are not finite,
    /// are in the wrong order for the direction, the unit is empty, or the window is not positive.</summary>
    /// <param name="warning">The warning level.</param>
    /// <param name="critical">The critical level, at least as severe as <paramref name="warning"/>.</param>
    /// <param name="direction">Which side is bad.</param>
    /// <param name="unit">The unit both levels are in ("%", "ms", "s", "count").</param>
    /// <param name="sustainedFor">How long the condition must hold before an alert fires; null for "at once".</param>
    public Threshold(double warning, double critical, ThresholdDirection direction, string unit, TimeSpan? sustainedFor = null)
    {
        Guard.Finite(warning, "Threshold warning");
        Guard.Finite(critical, "Threshold critical");
        if (!Enum.IsDefined(direction))
        {
            throw new DomainValidationException($"Threshold direction {(int)direction} is not a known direction.");
        }

        if (direction == ThresholdDirection.AboveIsBad && critical < warning)
        {
            throw new DomainValidationException(
                $"Threshold critical ({Guard.Show(critical)}) must be at or above warning ({Guard.Show(warning)}) when above is bad.");
        }

        if (direction == ThresholdDirection.BelowIsBad && critical > warning)
        {
            throw new DomainValidationException(
                $"Threshold critical ({Guard.Show(critical)}) must be at or below warning ({Guard.Show(warning)}) when below is bad.");
        }

        if (sustainedFor is { } window)
        {
            Guard.Positive(window, "Threshold sustained-for window");
        }

        Warning = warning;
        Critical = critical;
        Direction = direction;
        Unit = Guard.NotBlank(unit, "Threshold unit");
        SustainedFor = sustainedFor;
    }

    /// <summary>The warning level.</summary>
    public double Warning { get; }

    /// <summary>The critical level.</summary>
    public double Critical { get; }

    /// <summary>Which side is bad.</summary>
    public ThresholdDirection Direction { get; }

    /// <summary>The unit both levels are in.</summary>
    public string Unit { get; }

    /// <summary>How long the condition must hold before an alert fires; null means at once.</summary>
    public TimeSpan? SustainedFor { get; }

    /// <summary>Which level, if any, <paramref name="value"/> crosses (strictly).</summary>
    /// <param name="value">A finite measurement in <see cref="Unit"/>.</param>
    public ThresholdBreach Classify(double value)
    {
        Guard.Finite(value, "Measured value");
        if (IsPast(value, Critical))
        {
            return ThresholdBreach.Critical;
        }

        return IsPast(value, Warning) ? ThresholdBreach.Warning : ThresholdBreach.None;
    }

    private bool IsPast(double value, double level) =>
        Direction == ThresholdDirection.AboveIsBad ? value > level : value < level;
}
