namespace Dashboard.Domain.Values;

/// <summary>Which side of a threshold is bad.</summary>
public enum ThresholdDirection
{
    /// <summary>Higher is worse (latency, CPU, error rate): breached when the value is strictly above the level.</summary>
    AboveIsBad,

    /// <summary>Lower is worse (uptime, success rates): breached when the value is strictly below the level.</summary>
    BelowIsBad,
}
