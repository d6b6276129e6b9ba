namespace Dashboard.Domain.Forecasting;

/// <summary>What a forecast says about one threshold level.</summary>
public enum CrossingKind
{
    /// <summary>The current value is already past the level.</summary>
    AlreadyPast,

    /// <summary>The forecast crosses the level within the horizon.</summary>
    Expected,

    /// <summary>The forecast stays on the good side for the whole horizon.</summary>
    NotWithinHorizon,

    /// <summary>The series has no trend worth extrapolating.</summary>
    NoTrend,

    /// <summary>There is not enough history to say.</summary>
    InsufficientHistory,
}
