using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>Threshold overrides under /api/v1/thresholds (read: every role; change: owner and engineer, audited).</summary>
internal static class SettingsEndpoints
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/thresholds").RequireAuthorization(Policies.Settings);

        api.MapPut("/{metricId}", async (string metricId, ThresholdInput input, ClaimsPrincipal user, ThresholdSettingsService thresholds, CancellationToken ct) =>
            Respond(await thresholds.UpdateAsync(user, metricId, input, ct), metricId));

        api.MapDelete("/{metricId}", async (string metricId, ClaimsPrincipal user, ThresholdSettingsService thresholds, CancellationToken ct) =>
            Respond(await thresholds.ResetAsync(user, metricId, ct), metricId));

        return app;
    }

    private static Results<Ok<MetricSettingRow>, ForbidHttpResult, ProblemHttpResult, ValidationProblem> Respond(ThresholdSettingsService.Result result, string metricId) => result switch
    {
        { Forbidden: true } => TypedResults.Forbid(),
        { NotFound: true } => TypedResults.Problem($"Unknown metric id '{metricId}'.", statusCode: StatusCodes.Status404NotFound),
        { Errors: { } errors } => TypedResults.ValidationProblem(errors, title: $"The thresholds for '{metricId}' are invalid."),
        _ => TypedResults.Ok(result.Row),
    };
}
