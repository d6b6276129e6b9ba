using Dashboard.Hosting;
using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Catalog;
using Dashboard.Services;
using Dashboard.Services.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

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
            TypedResults.Ok(await resources.ListAsync(user, ct)));

        read.MapGet("/{id}", async Task<Results<Ok<ResourceView>, ProblemHttpResult>> (string id, ClaimsPrincipal user, ResourceService resources, CancellationToken ct) =>
            await resources.GetAsync(user, id, ct) is { } resource
                ? TypedResults.Ok(resource)
                : TypedResults.Problem($"No resource '{id}' (or not one of the categories your role sees).", statusCode: StatusCodes.Status404NotFound));

        write.MapPut("/{id}", async (string id, ResourceDraft draft, ClaimsPrincipal user, ResourceService resources, CancellationToken ct) =>
            Respond(await resources.SaveAsync(user, id, draft, ct), id));

        write.MapDelete("/{id}", async Task<Results<Ok<ResourceView>, ForbidHttpResult, ProblemHttpResult>> (string id, ClaimsPrincipal user, ResourceService resources, CancellationToken ct) =>
        {
            var result = await resources.DeleteAsync(user, id, ct);
            return result.Forbidden ? TypedResults.Forbid() : Refusal(result, id) is { } refusal ? refusal : TypedResults.Ok(result.Resource);
        });

        write.MapPost("/preview", async Task<Results<Ok<ResourcePreview>, ValidationProblem>> (PreviewRequest request, ResourcePreviewService preview, CancellationToken ct) =>
            ResourcePreviewService.Check(request) is { Count: > 0 } problems
                ? TypedResults.ValidationProblem(InputProblems.ByField(problems)!, title: "The preview request is invalid.")
                : TypedResults.Ok(await preview.PreviewAsync(request, ct)))
            .RequireRateLimiting(RateLimitRegistration.Queries).AllowWhileReadOnly();

        return app;
    }

    private static Results<Ok<ResourceView>, Created<ResourceView>, ForbidHttpResult, ProblemHttpResult, ValidationProblem> Respond(ResourceService.Result result, string id) => result switch
    {
        { Forbidden: true } => TypedResults.Forbid(),
        _ when Refusal(result, id) is { } refusal => refusal,
        { Problems: { Count: > 0 } problems } => TypedResults.ValidationProblem(InputProblems.ByField(problems)!, title: $"The resource '{id}' is invalid; nothing was saved."),
        { Created: true, Resource: { } resource } => TypedResults.Created($"/api/v1/resources/{id}", resource),
        _ => TypedResults.Ok(result.Resource),
    };

    /// <summary>A 404 for an unknown resource, a 409 for a built-in one that may not be deleted; null otherwise.</summary>
    private static ProblemHttpResult? Refusal(ResourceService.Result result, string id) => result switch
    {
        { NotFound: true } => TypedResults.Problem($"No resource '{id}'.", statusCode: StatusCodes.Status404NotFound),
        { Refused: { } why } => TypedResults.Problem(why, title: "Built-in resources cannot be deleted.", statusCode: StatusCodes.Status409Conflict),
        _ => null,
    };
}
