using System.Security.Claims;
using Dashboard.Api.Responses;
using Dashboard.Auth;
using Dashboard.Services.Alerts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>Alert triage under /api/v1/alerts (owner and engineer, like the engineer view): list, acknowledge, silence.</summary>
internal static class AlertEndpoints
{
    public sealed record AckInput(string? Note);

    public sealed record SilenceInput(DateTimeOffset? Until, string? Reason);

    public static IEndpointRouteBuilder MapAlertApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/alerts").RequireAuthorization(Policies.Engineer);

        api.MapGet("", async (IAlertTriage alerts, CancellationToken ct) => TypedResults.Ok(await alerts.GetAsync(ct)));

        api.MapPost("/{id:long}/ack", async (long id, AckInput? input, ClaimsPrincipal user, IAlertTriage alerts, CancellationToken ct) =>
            Respond(await alerts.AcknowledgeAsync(user, id, input?.Note, ct), id));

        api.MapPost("/{id:long}/silence", async (long id, SilenceInput? input, ClaimsPrincipal user, IAlertTriage alerts, CancellationToken ct) =>
            Respond(await alerts.SilenceAsync(user, id, input?.Until, input?.Reason, ct), id));

        api.MapDelete("/{id:long}/silence", async (long id, ClaimsPrincipal user, IAlertTriage alerts, CancellationToken ct) =>
            Respond(await alerts.ExpireSilenceAsync(user, id, ct), id));

        return app;
    }

    private static Results<Ok<AlertActionView>, ForbidHttpResult, ProblemHttpResult, ValidationProblem> Respond(AlertActionResult result, long id) => result switch
    {
        { Forbidden: true } => TypedResults.Forbid(),
        { NotFound: true } => TypedResults.Problem($"There is no alert {id}.", statusCode: StatusCodes.Status404NotFound),
        { Errors: { } errors } => TypedResults.ValidationProblem(errors, title: $"The request for alert {id} is invalid."),
        { Conflict: { } conflict } => TypedResults.Problem(conflict, statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Ok(new AlertActionView(result.Alert, result.AlertmanagerError)),
    };
}
