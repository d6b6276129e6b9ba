using Dashboard.Services.Forecasts;

namespace Dashboard.Api.Responses;

/// <summary>What <c>GET /api/v1/forecasts</c> answers: every stored forecast and the newest computation time (absent when there are none).</summary>
public sealed record ForecastList(DateTimeOffset? ComputedAt, IReadOnlyList<ForecastSummary> Forecasts)
{
    public static ForecastList Of(IReadOnlyList<ForecastSummary> summaries) =>
        new(summaries.Count > 0 ? summaries.Max(s => s.ComputedAt) : null, summaries);
}
