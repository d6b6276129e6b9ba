namespace Dashboard.Jobs.Forecasting;

/// <summary>Told when a forecast run has stored new results, so cached views are dropped.</summary>
public interface IForecastCacheInvalidator
{
    Task InvalidateAsync(CancellationToken cancellationToken);
}
