using System.Security.Claims;
using System.Text.Json;
using Dashboard.Api.Responses;
using Dashboard.Auth;
using Dashboard.Services.Checklist;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>The readiness checklist under /api/v1 (owner, engineer, PM): read it, tick manual items.</summary>
internal static class ChecklistEndpoints
{
    /// <summary>How many recent ticks and unticks the checklist returns with it.</summary>
    public const int HistoryLength = 20;

    public static IEndpointRouteBuilder MapChecklistApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/checklist").RequireAuthorization(Policies.Checklist);

        api.MapGet("", async (ChecklistService checklist, CancellationToken ct) =>
        {
            var report = await checklist.GetAsync(ct);
            return TypedResults.Ok(new ChecklistWithHistory(report.EvaluatedAt, report.Phases, await checklist.GetHistoryAsync(HistoryLength, ct)));
        });

        api.MapPut("/items/{id}", async Task<Results<Ok<ChecklistItemView>, ForbidHttpResult, ProblemHttpResult, ValidationProblem>> (string id, HttpRequest request, ClaimsPrincipal user, ChecklistService checklist, CancellationToken ct) =>
        {
            // Read by hand: a body that is not JSON gets a 400 naming the problem, not the framework's bare failure.
            ChecklistTickInput? input;
            try
            {
                input = await request.ReadFromJsonAsync<ChecklistTickInput>(ct);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["body"] = [$"The body must be JSON like {{\"done\": true, \"note\": \"optional\"}} ({ex.Message})"],
                }, title: $"Checklist item '{id}' was not changed.");
            }
            var result = await checklist.SetAsync(user, id, input ?? new ChecklistTickInput(null, null), ct);
            return result switch
            {
                { IsForbidden: true } => TypedResults.Forbid(),
                { NotFound: { } missing } => TypedResults.Problem(missing, statusCode: StatusCodes.Status404NotFound, title: "Unknown checklist item."),
                { Errors: { } errors } => TypedResults.ValidationProblem(errors, title: $"Checklist item '{id}' was not changed."),
                _ => TypedResults.Ok(result.Item),
            };
        }).Accepts<ChecklistTickInput>("application/json"); // read by hand (to name a malformed body): declared for the document

        return app;
    }
}
