using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Services;

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

    private static IResult Respond(ThresholdSettingsService.Result result, string metricId) => result switch
    {
        { Forbidden: true } => Results.Forbid(),
        { NotFound: true } => Results.Problem($"Unknown metric id '{metricId}'.", statusCode: StatusCodes.Status404NotFound),
        { Errors: { } errors } => Results.ValidationProblem(errors, title: $"The thresholds for '{metricId}' are invalid."),
        _ => Results.Ok(result.Row),
    };
}
