namespace Dashboard.Jobs.Forecasting;

/// <summary>The states of a forecast run (stored as their names).</summary>
public enum ForecastRunState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
