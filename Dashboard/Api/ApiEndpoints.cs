using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Health;
using Dashboard.Jobs.Settings;
using Dashboard.Services;

namespace Dashboard.Api;

/// <summary>The JSON API under /api/v1: bearer token or cookie, role-checked like the pages.</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Overview);

        api.MapGet("/me", (ClaimsPrincipal user) => new
        {
            name = user.Identity?.Name,
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order().ToArray(),
        });

        api.MapGet("/business/profile", (ClaimsPrincipal user, BusinessProfileService profiles, CancellationToken ct) =>
            profiles.GetAsync(user, ct));

        api.MapPut("/business/profile", async (BusinessProfileInput input, ClaimsPrincipal user, BusinessProfileService profiles, CancellationToken ct) =>
            {
                var result = await profiles.UpdateAsync(user, input, ct);
                return result switch
                {
                    { IsForbidden: true } => Results.Forbid(),
                    { Errors: { } errors } => Results.ValidationProblem(errors, title: "The business profile has invalid fields."),
                    _ => Results.Ok(result.Profile),
                };
            })
            .RequireAuthorization(Policies.Owner);

        // The gauges now (the stored readings, the same on every instance), filtered for the caller's role (automation, wall scripts).
        api.MapGet("/status", async (ClaimsPrincipal user, SystemStatusService status, CancellationToken ct) =>
            await status.GetGaugesAsync(ct) is { } latest
                ? Results.Ok(Live.GaugeVisibility.For(user, latest))
                : Results.Ok(new { publishedAt = (DateTimeOffset?)null, gauges = Array.Empty<object>(), note = "No ingest pass has stored a reading yet." }));

        // The resources of the categories the caller's role sees (designers: what users feel).
        api.MapGet("/catalog", async (ClaimsPrincipal user, SystemStatusService status, CancellationToken ct) =>
            (await status.GetCatalogAsync(ct)).Where(m => Live.GaugeVisibility.MaySee(user, m.Category)).ToList());

        api.MapGet("/jobs", (SystemStatusService status, CancellationToken ct) => status.GetJobRunsAsync(ct))
            .RequireAuthorization(Policies.Operations);

        api.MapGet("/sources", async (SystemStatusService status, CancellationToken ct) =>
            (await status.GetSourcesAsync(ct)).Select(s => new
            {
                source = s.Source,
                state = s.IsStale ? "stale" : "live",
                lastSuccessAt = s.LastSuccessAt,
                staleSince = s.StaleSince,
                error = s.LastError,
                ingestedThrough = s.IngestedThrough,
                lastBackfill = s.LastBackfillAt is null ? null : new
                {
                    at = s.LastBackfillAt,
                    seconds = s.LastBackfillSeconds,
                    stepSeconds = s.LastBackfillStepSeconds,
                    skippedSeconds = s.LastBackfillSkippedSeconds,
                },
            }));

        api.MapGet("/dependencies", (DependencyStatus dependencies) => dependencies.Current.Select(d => new
        {
            name = d.Name,
            status = d.Status.ToString(),
            description = d.Description,
            checkedAt = d.CheckedAt,
        }));

        return app;
    }
}
