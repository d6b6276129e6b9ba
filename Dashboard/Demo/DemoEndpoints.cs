using Dashboard.Api.Responses;
using Dashboard.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Demo;

internal static class DemoEndpoints
{
    /// <summary>
    /// /demo/metrics for Prometheus (scrape token, like /metrics), and a load knob for
    /// rehearsals: PUT /api/v1/demo/load {"multiplier": 3} (owners and engineers).
    /// </summary>
    public static IEndpointRouteBuilder MapDemoWorkload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/demo/metrics", async (HttpContext context, DemoWorkload demo) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await demo.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        }).RequireAuthorization(Policies.Telemetry);

        app.MapPut("/api/v1/demo/load", Results<Ok<DemoLoad>, ValidationProblem> (LoadRequest request, DemoWorkload demo) =>
        {
            if (double.IsNaN(request.Multiplier) || request.Multiplier is < 0.1 or > 20)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["Multiplier"] = [$"Load multiplier must be between 0.1 and 20 (got {request.Multiplier})."],
                });
            }
            demo.Model.LoadMultiplier = request.Multiplier;
            return TypedResults.Ok(new DemoLoad(demo.Model.LoadMultiplier));
        }).RequireAuthorization(Policies.Operations);

        return app;
    }

    public sealed record LoadRequest(double Multiplier);
}
