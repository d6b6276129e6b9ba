using Dashboard.Hosting;
using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Catalog;
using Dashboard.Services;
using Dashboard.Services.Resources;

namespace Dashboard.Api;

/// <summary>
/// Resources as data under /api/v1/resources: every role reads the resources of the categories it may see;
/// owners and engineers create, change, delete and preview them. Bad input: 400 problem+json naming the field,
/// nothing saved.
/// </summary>
internal static class ResourceEndpoints
{
    public static IEndpointRouteBuilder MapResourceApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/resources").RequireAuthorization(Policies.Overview).WithTags("Resources");
        var write = app.MapGroup("/api/v1/resources").RequireAuthorization(Policies.Settings).WithTags("Resources");

        read.MapGet("/", async (ClaimsPrincipal user, ResourceService resources, CancellationToken ct) =>
            Results.Ok(await resources.ListAsync(user, ct)));

        read.MapGet("/{id}", async (string id, ClaimsPrincipal user, ResourceService resources, CancellationToken ct) =>
            await resources.GetAsync(user, id, ct) is { } resource
                ? Results.Ok(resource)
                : Results.Problem($"No resource '{id}' (or not one of the categories your role sees).", statusCode: StatusCodes.Status404NotFound));

        write.MapPut("/{id}", async (string id, ResourceDraft draft, ClaimsPrincipal user, ResourceService resources, CancellationToken ct) =>
            Respond(await resources.SaveAsync(user, id, draft, ct), id));

        write.MapDelete("/{id}", async (string id, ClaimsPrincipal user, ResourceService resources, CancellationToken ct) =>
            Respond(await resources.DeleteAsync(user, id, ct), id));

        write.MapPost("/preview", async (PreviewRequest request, ResourcePreviewService preview, CancellationToken ct) =>
            ResourcePreviewService.Check(request) is { Count: > 0 } problems
                ? Results.ValidationProblem(InputProblems.ByField(problems)!, title: "The preview request is invalid.")
                : Results.Ok(await preview.PreviewAsync(request, ct)))
            .RequireRateLimiting(RateLimitRegistration.Queries).AllowWhileReadOnly();

        return app;
    }

    private static IResult Respond(ResourceService.Result result, string id) => result switch
    {
        { Forbidden: true } => Results.Forbid(),
        { NotFound: true } => Results.Problem($"No resource '{id}'.", statusCode: StatusCodes.Status404NotFound),
        { Refused: { } why } => Results.Problem(why, title: "Built-in resources cannot be deleted.", statusCode: StatusCodes.Status409Conflict),
        { Problems: { Count: > 0 } problems } => Results.ValidationProblem(InputProblems.ByField(problems)!, title: $"The resource '{id}' is invalid; nothing was saved."),
        { Created: true, Resource: { } resource } => Results.Created($"/api/v1/resources/{id}", resource),
        _ => Results.Ok(result.Resource),
    };
}
