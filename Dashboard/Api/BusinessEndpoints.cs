using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Services;

namespace Dashboard.Api;

/// <summary>
/// The owner's summary and the growth stage under /api/v1, for every signed-in role. Nobody is
/// refused the summary: non-owners get it without its money section (absent, not null), because
/// uptime, error budget, stage and mistakes are theirs to know too; revenue is not.
/// </summary>
internal static class BusinessEndpoints
{
    public static IEndpointRouteBuilder MapBusinessApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Overview);

        api.MapGet("/business/summary", (ClaimsPrincipal user, BusinessSummaryService summaries, CancellationToken ct) =>
            summaries.GetAsync(user, ct));

        api.MapGet("/stage", (ClaimsPrincipal user, BusinessSummaryService summaries, CancellationToken ct) =>
            summaries.GetStageAsync(user, ct));

        return app;
    }
}
