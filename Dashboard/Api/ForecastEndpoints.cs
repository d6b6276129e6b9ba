using Dashboard.Hosting;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Auth;
using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;
using Dashboard.Jobs.Forecasting;
using Dashboard.Jobs.Jobs;
using Dashboard.Services.Forecasts;
using Hangfire;

namespace Dashboard.Api;

/// <summary>Forecasts, what-if and ad-hoc forecasts under /api/v1 (owner, PM and engineer).</summary>
internal static class ForecastEndpoints
{
    // "NaN" and "Infinity" are read, so that they get a clear 400 naming the point instead of a parse error.
    private static readonly JsonSerializerOptions AdhocJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString,
    };

    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Forecasts);

        api.MapGet("/forecasts", async (ForecastQueryService forecasts, CancellationToken ct) =>
        {
            var summaries = await forecasts.GetSummariesAsync(ct);
            return new { computedAt = summaries.Count > 0 ? summaries.Max(s => s.ComputedAt) : (DateTimeOffset?)null, forecasts = summaries };
        });

        api.MapGet("/forecasts/export.csv", async (ForecastQueryService forecasts, CancellationToken ct) =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(ForecastCsv.Export(await forecasts.GetSummariesAsync(ct))),
                "text/csv; charset=utf-8", "capacity-forecasts.csv"));

        api.MapGet("/forecasts/{metric}", async (string metric, string? entity, int? historyDays, ForecastQueryService forecasts, CancellationToken ct) =>
        {
            var summaries = await forecasts.GetSummariesAsync(ct);
            var match = summaries.Where(s => s.Metric == metric && (entity == null || s.Entity == entity)).ToList();
            if (match.Count == 0)
            {
                return Results.Problem($"No stored forecast for metric '{metric}'{(entity is null ? "" : $" and entity '{entity}'")}.", statusCode: StatusCodes.Status404NotFound);
            }
            if (match.Count > 1)
            {
                return Results.Problem($"Metric '{metric}' has {match.Count} series; pass ?entity= one of: {string.Join(", ", match.Select(m => m.Entity))}.", statusCode: StatusCodes.Status400BadRequest);
            }
            var days = Math.Clamp(historyDays ?? 30, 1, 365);
            return Results.Ok(await forecasts.GetDetailAsync(metric, match[0].Entity, days, ct));
        });

        api.MapPost("/forecasts/adhoc", async (HttpRequest request, AdhocForecastService adhoc) =>
        {
            AdhocForecastRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<AdhocForecastRequest>(AdhocJson, request.HttpContext.RequestAborted);
            }
            catch (JsonException ex)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"The body is not valid JSON for an ad-hoc forecast: {ex.Message}"] },
                    title: "The ad-hoc forecast request is invalid.");
            }
            if (body is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] }, title: "The ad-hoc forecast request is invalid.");
            }
            var (response, errors) = adhoc.Forecast(body);
            return errors is { Count: > 0 }
                ? Results.ValidationProblem(errors, title: "The ad-hoc forecast request is invalid.")
                : Results.Ok(response);
        }).Accepts<AdhocForecastRequest>("application/json").RequireRateLimiting(RateLimitRegistration.Queries).AllowWhileReadOnly();

        api.MapPost("/forecasts/recompute", async (ClaimsPrincipal user, ForecastRunner runner, IBackgroundJobClient jobs, CancellationToken ct) =>
        {
            var id = await runner.QueueAsync(user.Identity?.Name ?? "api", ct);
            jobs.Enqueue<ForecastJob>(j => j.RunAsync(id, CancellationToken.None));
            return Results.Accepted($"/api/v1/forecasts/runs/{id}", new { runId = id });
        }).RequireRateLimiting(RateLimitRegistration.Jobs);

        api.MapGet("/forecasts/runs/{id:guid}", async (Guid id, ForecastQueryService forecasts, CancellationToken ct) =>
            await forecasts.GetRunAsync(id, ct) is { } run ? Results.Ok(run) : Results.NotFound());

        api.MapGet("/stage/eta", async (ForecastQueryService forecasts, CancellationToken ct) =>
            await forecasts.GetStageEtaAsync(null, ct) is { } eta ? Results.Ok(eta) : Results.Ok(new { message = "No active-users history is stored yet." }));

        api.MapGet("/whatif", async (string? multiplier, WhatIfService whatIf, CancellationToken ct) =>
        {
            if (!double.TryParse(multiplier ?? "3", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var k))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["multiplier"] = [$"multiplier must be a number between {WhatIfProjector.MinimumMultiplier} and {WhatIfProjector.MaximumMultiplier}, but was '{multiplier}'."] });
            }
            try
            {
                var view = await whatIf.ProjectAsync(k, ct);
                return Results.Ok(new
                {
                    view.Report.Multiplier,
                    view.Report.Headline,
                    // The series the queueing models (latency, queues) load, and its reading now.
                    view.Bottleneck,
                    view.BottleneckNow,
                    // One row per metric and entity, each from that series' reading now (value, time, status).
                    resources = view.Rows.Select(r => new
                    {
                        r.Projection.MetricId,
                        r.Projection.Name,
                        r.Entity,
                        r.Projection.Unit,
                        r.Now,
                        r.Projection.Current,
                        r.Projection.Projected,
                        r.Projection.Saturated,
                        r.Projection.Breach,
                        r.Projection.WarningAtMultiplier,
                        r.Projection.CriticalAtMultiplier,
                        r.Projection.Model,
                    }),
                    view.Report.NotProjected,
                });
            }
            catch (DomainValidationException ex)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["multiplier"] = [ex.Message] });
            }
        });

        return app;
    }
}
