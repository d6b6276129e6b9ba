using Dashboard.Hosting;
using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Services;
using Dashboard.Jobs.Resources.Presets;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Services.Presets;
using Dashboard.Services.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>Presets under /api/v1/presets (owner and engineer, like the settings they feed): the packs, and which of them the connected Prometheus can serve.</summary>
internal static class PresetEndpoints
{
    /// <summary>Optional body of a detection: series selectors that narrow which metrics count (e.g. <c>{job="node"}</c>).</summary>
    public sealed record DetectInput(IReadOnlyList<string>? Match);

    public static IEndpointRouteBuilder MapPresetApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/presets").RequireAuthorization(Policies.Settings).WithTags("Presets");

        api.MapGet("", GetPresets)
            .WithName("GetPresets")
            .WithSummary("Every preset with its resources and the expression each is measured by.");

        api.MapPost("/detect", DetectAsync)
            .AllowWhileReadOnly()
            .WithName("DetectPresets")
            .WithSummary("The presets whose required metrics the connected Prometheus holds; partial matches with what they lack.")
            .RequireRateLimiting(RateLimitRegistration.Queries);

        api.MapPost("/{id}/apply", ApplyAsync)
            .WithName("ApplyPreset")
            .WithSummary("Creates the preset's resources and re-points the built-ins it covers (levels in force kept); all checked first, nothing saved on a problem.");

        return app;
    }

    /// <summary>Optional body of an apply: only these resources of the preset (all when absent or empty).</summary>
    public sealed record ApplyInput(IReadOnlyList<string>? Resources);

    public static async Task<Results<Ok<IReadOnlyList<ResourceView>>, ForbidHttpResult, ProblemHttpResult, ValidationProblem>> ApplyAsync(string id, ApplyInput? input, ClaimsPrincipal user, PresetApplyService presets, CancellationToken cancellationToken)
    {
        var result = await presets.ApplyAsync(user, id, input?.Resources, cancellationToken);
        return result switch
        {
            { Forbidden: true } => TypedResults.Forbid(),
            { NotFound: true } => TypedResults.Problem($"No preset '{id}'.", statusCode: StatusCodes.Status404NotFound),
            { Problems.Count: > 0 } => TypedResults.ValidationProblem(InputProblems.ByField(result.Problems)!, title: $"The preset '{id}' cannot be applied here; nothing was saved."),
            _ => TypedResults.Ok(result.Applied),
        };
    }

    public static Ok<IReadOnlyList<PresetView>> GetPresets() =>
        TypedResults.Ok<IReadOnlyList<PresetView>>([.. PresetCatalog.All.Select(PresetView.Of)]);

    public static async Task<Results<Ok<PresetDetectionView>, ValidationProblem, ProblemHttpResult>> DetectAsync(
        DetectInput? input, PresetDiscoveryService discovery, CancellationToken cancellationToken)
    {
        var match = input?.Match;
        if (match is not null && match.Any(string.IsNullOrWhiteSpace))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["match"] = ["A series selector must not be empty."] });
        }
        try
        {
            return TypedResults.Ok(await discovery.DetectAsync(match, cancellationToken));
        }
        catch (PrometheusQueryException ex) when (ex.ErrorType == "bad_data")
        {
            // Prometheus refused the selectors themselves: the caller's to fix, not an outage.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["match"] = [ex.Error] },
                title: "Prometheus could not read the series selectors.");
        }
        catch (PrometheusQueryException ex)
        {
            return TypedResults.Problem(
                title: "Prometheus is unavailable, so no preset can be detected.",
                detail: ex.Error,
                statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["source"] = "prometheus", ["reason"] = ex.ErrorType, ["url"] = ex.Url });
        }
    }
}
