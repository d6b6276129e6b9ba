using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Services.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>Users for owners under /api/v1/users: the list, and disable / enable (audited).</summary>
internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/users").RequireAuthorization(Policies.Owner);

        api.MapGet("", async (UserAdminService users, CancellationToken ct) => TypedResults.Ok(await users.ListAsync(ct)));
        api.MapPost("/{id}/disable", (string id, ClaimsPrincipal user, UserAdminService users, CancellationToken ct) => ChangeAsync(users, user, id, true, ct));
        api.MapPost("/{id}/enable", (string id, ClaimsPrincipal user, UserAdminService users, CancellationToken ct) => ChangeAsync(users, user, id, false, ct));
        return app;
    }

    private static async Task<Results<Ok<UserView>, ForbidHttpResult, ProblemHttpResult>> ChangeAsync(
        UserAdminService users, ClaimsPrincipal user, string id, bool disabled, CancellationToken ct) =>
        await users.SetDisabledAsync(user, id, disabled, ct) switch
        {
            { IsForbidden: true } => TypedResults.Forbid(),
            { NotFound: true, Problem: var missing } => TypedResults.Problem(missing, statusCode: StatusCodes.Status404NotFound, title: "Unknown user."),
            { Problem: { } problem } => TypedResults.Problem(problem, statusCode: StatusCodes.Status409Conflict, title: "The user was not changed."),
            { User: { } view } => TypedResults.Ok(view),
            _ => TypedResults.Problem("The user was not changed.", statusCode: StatusCodes.Status500InternalServerError),
        };
}
