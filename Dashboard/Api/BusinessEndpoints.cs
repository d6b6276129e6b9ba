using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Live;
using Dashboard.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>
/// The owner's summary and the growth stage under /api/v1, for every signed-in role. Nobody is
/// refused the summary: engineers and PMs get it without its money section (absent, not null),
/// because uptime, error budget, stage and mistakes are theirs to know too; revenue is not.
/// Designers get what users feel only: no hosts, infrastructure levels, stage or signals (decision 027).
/// </summary>
internal static class BusinessEndpoints
{
    public static IEndpointRouteBuilder MapBusinessApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Overview);

        api.MapGet("/business/summary", async Task<Results<Ok<BusinessSummary>, Ok<DesignerBusinessSummary>>> (
                ClaimsPrincipal user, BusinessSummaryService summaries, CancellationToken ct) =>
            GaugeVisibility.SeesAll(user)
                ? TypedResults.Ok(await summaries.GetAsync(user, ct))
                : TypedResults.Ok(await summaries.GetForDesignerAsync(user, ct)));

        api.MapGet("/stage", async (ClaimsPrincipal user, BusinessSummaryService summaries, CancellationToken ct) =>
            TypedResults.Ok(await summaries.GetStageAsync(user, ct)));

        return app;
    }
}
