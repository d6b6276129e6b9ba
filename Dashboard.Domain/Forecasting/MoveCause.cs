namespace Dashboard.Domain.Forecasting;

/// <summary>Why a capacity date moved between two forecast runs (<see cref="CrossingMoves"/>), most specific first.</summary>
public enum MoveCause
{
    /// <summary>Someone changed the level the date is for.</summary>
    LevelChanged,

    /// <summary>Since the previous run the metric ran on the bad side of that run's forecast (higher usage, lower success).</summary>
    RanWorseThanForecast,

    /// <summary>Since the previous run the metric ran on the good side of that run's forecast.</summary>
    RanBetterThanForecast,

    /// <summary>A trend towards the level became clear (there was no date before).</summary>
    TrendAppeared,

    /// <summary>The trend is no longer clear enough to give a date.</summary>
    TrendFaded,

    /// <summary>A different forecasting method fitted the newer history better.</summary>
    MethodChanged,

    /// <summary>None of the above: the newest hours refined the fit.</summary>
    NewerData,
}
