namespace Dashboard.Api.Responses;

/// <summary>The 202 body of <c>POST /api/v1/forecasts/recompute</c>: the queued run, to follow at <c>/api/v1/forecasts/runs/{runId}</c>.</summary>
public sealed record ForecastRunAccepted(Guid RunId);
