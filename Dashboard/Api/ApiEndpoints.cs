using System.Security.Claims;
using Dashboard.Api.Responses;
using Dashboard.Auth;
using Dashboard.Health;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>The JSON API under /api/v1: bearer token or cookie, role-checked like the pages.</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Overview);

        api.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(SignedInUser.Of(user)));

        api.MapGet("/business/profile", async (ClaimsPrincipal user, BusinessProfileService profiles, CancellationToken ct) =>
            TypedResults.Ok(await profiles.GetAsync(user, ct)));

        api.MapPut("/business/profile", async Task<Results<Ok<BusinessProfileView>, ForbidHttpResult, ValidationProblem>> (
                BusinessProfileInput input, ClaimsPrincipal user, BusinessProfileService profiles, CancellationToken ct) =>
            {
                var result = await profiles.UpdateAsync(user, input, ct);
                return result switch
                {
                    { IsForbidden: true } => TypedResults.Forbid(),
                    { Errors: { } errors } => TypedResults.ValidationProblem(errors, title: "The business profile has invalid fields."),
                    _ => TypedResults.Ok(result.Profile),
                };
            })
            .RequireAuthorization(Policies.Owner);

        // The gauges now (the stored readings, the same on every instance), filtered for the caller's role (automation, wall scripts).
        api.MapGet("/status", async Task<Results<Ok<GaugeBatch>, Ok<NoGaugesYet>>> (ClaimsPrincipal user, SystemStatusService status, CancellationToken ct) =>
            await status.GetGaugesAsync(ct) is { } latest
                ? TypedResults.Ok(Live.GaugeVisibility.For(user, latest))
                : TypedResults.Ok(NoGaugesYet.Answer));

        // The resources of the categories the caller's role sees (designers: what users feel).
        api.MapGet("/catalog", async (ClaimsPrincipal user, SystemStatusService status, CancellationToken ct) =>
            TypedResults.Ok<IReadOnlyList<MetricSettingRow>>([.. (await status.GetCatalogAsync(ct)).Where(m => Live.GaugeVisibility.MaySee(user, m.Category))]));

        api.MapGet("/jobs", async (SystemStatusService status, CancellationToken ct) => TypedResults.Ok(await status.GetJobRunsAsync(ct)))
            .RequireAuthorization(Policies.Operations);

        api.MapGet("/sources", async (SystemStatusService status, CancellationToken ct) =>
            TypedResults.Ok<IReadOnlyList<SourceStatusView>>([.. (await status.GetSourcesAsync(ct)).Select(SourceStatusView.Of)]));

        api.MapGet("/dependencies", (DependencyStatus dependencies) =>
            TypedResults.Ok<IReadOnlyList<DependencyView>>([.. dependencies.Current.Select(DependencyView.Of)]));

        return app;
    }
}
