using Dashboard.Auth;
using Dashboard.Jobs.Resources.Presets;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Services.Presets;
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
            .WithName("DetectPresets")
            .WithSummary("The presets whose required metrics the connected Prometheus holds; partial matches with what they lack.");

        return app;
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
