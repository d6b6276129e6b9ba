namespace Dashboard.Domain.Business;

/// <summary>Which way a figure moved between two periods (the arrow beside it).</summary>
public enum ChangeDirection
{
    /// <summary>Within the tolerance: no real change.</summary>
    Steady,

    /// <summary>Higher than before.</summary>
    Up,

    /// <summary>Lower than before.</summary>
    Down,
}
