namespace Dashboard.Domain.Catalog;

/// <summary>How hard a strategy is to adopt and run.</summary>
public enum Complexity
{
    /// <summary>Low.</summary>
    Low,

    /// <summary>Medium.</summary>
    Medium,

    /// <summary>High.</summary>
    High,

    /// <summary>Very high.</summary>
    VeryHigh,
}
