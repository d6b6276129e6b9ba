using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Services.Alerts;

namespace Dashboard.Api;

/// <summary>Alert triage under /api/v1/alerts (owner and engineer, like the engineer view): list, acknowledge, silence.</summary>
internal static class AlertEndpoints
{
    public sealed record AckInput(string? Note);

    public sealed record SilenceInput(DateTimeOffset? Until, string? Reason);

    public static IEndpointRouteBuilder MapAlertApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/alerts").RequireAuthorization(Policies.Engineer);

        api.MapGet("", (IAlertTriage alerts, CancellationToken ct) => alerts.GetAsync(ct));

        api.MapPost("/{id:long}/ack", async (long id, AckInput? input, ClaimsPrincipal user, IAlertTriage alerts, CancellationToken ct) =>
            Respond(await alerts.AcknowledgeAsync(user, id, input?.Note, ct), id));

        api.MapPost("/{id:long}/silence", async (long id, SilenceInput? input, ClaimsPrincipal user, IAlertTriage alerts, CancellationToken ct) =>
            Respond(await alerts.SilenceAsync(user, id, input?.Until, input?.Reason, ct), id));

        api.MapDelete("/{id:long}/silence", async (long id, ClaimsPrincipal user, IAlertTriage alerts, CancellationToken ct) =>
            Respond(await alerts.ExpireSilenceAsync(user, id, ct), id));

        return app;
    }

    private static IResult Respond(AlertActionResult result, long id) => result switch
    {
        { Forbidden: true } => Results.Forbid(),
        { NotFound: true } => Results.Problem($"There is no alert {id}.", statusCode: StatusCodes.Status404NotFound),
        { Errors: { } errors } => Results.ValidationProblem(errors, title: $"The request for alert {id} is invalid."),
        { Conflict: { } conflict } => Results.Problem(conflict, statusCode: StatusCodes.Status409Conflict),
        _ => Results.Ok(new { alert = result.Alert, alertmanagerError = result.AlertmanagerError }),
    };
}
