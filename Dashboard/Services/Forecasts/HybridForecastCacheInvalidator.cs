using Dashboard.Jobs.Forecasting;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Services.Forecasts;

/// <summary>Drops this instance's cached forecast views when a run stores new results (other instances expire theirs within a minute).</summary>
internal sealed class HybridForecastCacheInvalidator(HybridCache cache) : IForecastCacheInvalidator
{
    public async Task InvalidateAsync(CancellationToken cancellationToken) =>
        await cache.RemoveByTagAsync(ForecastQueryService.Tag, cancellationToken);
}
