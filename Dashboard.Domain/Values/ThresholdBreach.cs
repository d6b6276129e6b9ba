namespace Dashboard.Domain.Values;

/// <summary>How far one value lies past a <see cref="Threshold"/>.</summary>
public enum ThresholdBreach
{
    /// <summary>Neither level is crossed.</summary>
    None,

    /// <summary>The warning level is crossed, the critical one is not.</summary>
    Warning,

    /// <summary>The critical level is crossed.</summary>
    Critical,
}
