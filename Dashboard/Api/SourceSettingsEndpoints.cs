using Dashboard.Hosting;
using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Services.Sources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>
/// Sources under /api/v1/settings/sources (owner and engineer): read with secrets as "set"/"not set",
/// save (validated as a whole, 400 naming each bad key, audited), and test a source's values unsaved.
/// </summary>
internal static class SourceSettingsEndpoints
{
    public static IEndpointRouteBuilder MapSourceSettingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/settings/sources").RequireAuthorization(Policies.Settings);

        api.MapGet("/", async (SourceSettingsService sources, CancellationToken ct) => TypedResults.Ok(await sources.GetAsync(ct)));

        api.MapPut("/", async Task<Results<Ok<SourceSettingsView>, ForbidHttpResult, ValidationProblem>> (SourceSettingsInput input, ClaimsPrincipal user, SourceSettingsService sources, CancellationToken ct) =>
        {
            var result = await sources.SaveAsync(user, input, ct);
            return result switch
            {
                { Forbidden: true } => TypedResults.Forbid(),
                { Errors: { } errors } => TypedResults.ValidationProblem(errors, title: "The source settings have invalid fields; nothing was saved."),
                _ => TypedResults.Ok(result.Settings),
            };
        });

        api.MapPost("/test", async Task<Results<Ok<SourceTestResult>, ValidationProblem>> (SourceTestRequest request, SourceConnectionTester tester, CancellationToken ct) =>
        {
            var result = await tester.TestAsync(request, ct);
            return result.Errors is { } errors
                ? TypedResults.ValidationProblem(errors.ToDictionary(), title: "The values cannot be tested; nothing was tried.")
                : TypedResults.Ok(result);
        }).RequireRateLimiting(RateLimitRegistration.Queries).AllowWhileReadOnly();

        return app;
    }
}
