using Dashboard.Hosting;
using System.Security.Claims;
using Dashboard.Api.Responses;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Auth;
using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;
using Dashboard.Jobs.Forecasting;
using Dashboard.Jobs.Jobs;
using Dashboard.Services.Forecasts;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

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
            TypedResults.Ok(ForecastList.Of(await forecasts.GetSummariesAsync(ct))));

        api.MapGet("/forecasts/export.csv", async (ForecastQueryService forecasts, CancellationToken ct) =>
            TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ForecastCsv.Export(await forecasts.GetSummariesAsync(ct))),
                "text/csv; charset=utf-8", "capacity-forecasts.csv"));

        api.MapGet("/forecasts/{metric}", async Task<Results<Ok<ForecastDetail>, ProblemHttpResult>> (string metric, string? entity, int? historyDays, ForecastQueryService forecasts, CancellationToken ct) =>
        {
            var summaries = await forecasts.GetSummariesAsync(ct);
            var match = summaries.Where(s => s.Metric == metric && (entity == null || s.Entity == entity)).ToList();
            if (match.Count == 0)
            {
                return TypedResults.Problem($"No stored forecast for metric '{metric}'{(entity is null ? "" : $" and entity '{entity}'")}.", statusCode: StatusCodes.Status404NotFound);
            }
            if (match.Count > 1)
            {
                return TypedResults.Problem($"Metric '{metric}' has {match.Count} series; pass ?entity= one of: {string.Join(", ", match.Select(m => m.Entity))}.", statusCode: StatusCodes.Status400BadRequest);
            }
            var days = Math.Clamp(historyDays ?? 30, 1, 365);
            return TypedResults.Ok(await forecasts.GetDetailAsync(metric, match[0].Entity, days, ct));
        });

        api.MapPost("/forecasts/adhoc", async Task<Results<Ok<AdhocForecastResponse>, ValidationProblem>> (HttpRequest request, AdhocForecastService adhoc) =>
        {
            AdhocForecastRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<AdhocForecastRequest>(AdhocJson, request.HttpContext.RequestAborted);
            }
            catch (JsonException ex)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"The body is not valid JSON for an ad-hoc forecast: {ex.Message}"] },
                    title: "The ad-hoc forecast request is invalid.");
            }
            if (body is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] }, title: "The ad-hoc forecast request is invalid.");
            }
            var (response, errors) = adhoc.Forecast(body);
            return errors is { Count: > 0 }
                ? TypedResults.ValidationProblem(errors, title: "The ad-hoc forecast request is invalid.")
                : TypedResults.Ok(response);
        }).Accepts<AdhocForecastRequest>("application/json").RequireRateLimiting(RateLimitRegistration.Queries).AllowWhileReadOnly();

        api.MapPost("/forecasts/recompute", async (ClaimsPrincipal user, ForecastRunner runner, IBackgroundJobClient jobs, CancellationToken ct) =>
        {
            var id = await runner.QueueAsync(user.Identity?.Name ?? "api", ct);
            jobs.Enqueue<ForecastJob>(j => j.RunAsync(id, CancellationToken.None));
            return TypedResults.Accepted($"/api/v1/forecasts/runs/{id}", new ForecastRunAccepted(id));
        }).RequireRateLimiting(RateLimitRegistration.Jobs);

        // An unknown run is a bare 404 (no problem body).
        api.MapGet("/forecasts/runs/{id:guid}", async Task<Results<Ok<ForecastRunView>, NotFound>> (Guid id, ForecastQueryService forecasts, CancellationToken ct) =>
            await forecasts.GetRunAsync(id, ct) is { } run ? TypedResults.Ok(run) : TypedResults.NotFound());

        api.MapGet("/stage/eta", async Task<Results<Ok<StageEta>, Ok<NoStageEta>>> (ForecastQueryService forecasts, CancellationToken ct) =>
            await forecasts.GetStageEtaAsync(null, ct) is { } eta ? TypedResults.Ok(eta) : TypedResults.Ok(NoStageEta.Answer));

        api.MapGet("/whatif", async Task<Results<Ok<WhatIfAnswer>, ValidationProblem>> (string? multiplier, WhatIfService whatIf, CancellationToken ct) =>
        {
            if (!double.TryParse(multiplier ?? "3", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var k))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["multiplier"] = [$"multiplier must be a number between {WhatIfProjector.MinimumMultiplier} and {WhatIfProjector.MaximumMultiplier}, but was '{multiplier}'."] });
            }
            try
            {
                // One row per metric and entity, each from that series' reading now (value, time, status); the bottleneck is
                // the series the queueing models (latency, queues) load, with its reading now.
                return TypedResults.Ok(WhatIfAnswer.Of(await whatIf.ProjectAsync(k, ct)));
            }
            catch (DomainValidationException ex)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["multiplier"] = [ex.Message] });
            }
        });

        return app;
    }
}
