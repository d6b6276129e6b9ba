using System.Security.Claims;
using System.Text.Json;
using Dashboard.Auth;
using Dashboard.Services.Checklist;

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
            return new
            {
                evaluatedAt = report.EvaluatedAt,
                phases = report.Phases,
                history = await checklist.GetHistoryAsync(HistoryLength, ct),
            };
        });

        api.MapPut("/items/{id}", async (string id, HttpRequest request, ClaimsPrincipal user, ChecklistService checklist, CancellationToken ct) =>
        {
            // Read by hand: a body that is not JSON gets a 400 naming the problem, not the framework's bare failure.
            ChecklistTickInput? input;
            try
            {
                input = await request.ReadFromJsonAsync<ChecklistTickInput>(ct);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["body"] = [$"The body must be JSON like {{\"done\": true, \"note\": \"optional\"}} ({ex.Message})"],
                }, title: $"Checklist item '{id}' was not changed.");
            }
            var result = await checklist.SetAsync(user, id, input ?? new ChecklistTickInput(null, null), ct);
            return result switch
            {
                { IsForbidden: true } => Results.Forbid(),
                { NotFound: { } missing } => Results.Problem(missing, statusCode: StatusCodes.Status404NotFound, title: "Unknown checklist item."),
                { Errors: { } errors } => Results.ValidationProblem(errors, title: $"Checklist item '{id}' was not changed."),
                _ => Results.Ok(result.Item),
            };
        });

        return app;
    }
}
