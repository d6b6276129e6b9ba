namespace Dashboard.Domain.Health;

/// <summary>The health of one metric at one moment.</summary>
public enum HealthStatus
{
    /// <summary>A fresh value within both levels.</summary>
    Ok,

    /// <summary>A fresh value past the warning level.</summary>
    Warning,

    /// <summary>A fresh value past the critical level.</summary>
    Critical,

    /// <summary>No value has been read. Missing is not zero.</summary>
    NoData,

    /// <summary>The latest value is too old to trust. Stale is not zero.</summary>
    Stale,
}
