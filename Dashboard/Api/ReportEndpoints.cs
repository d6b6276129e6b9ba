using System.Security.Claims;
using System.Text.Json;
using Dashboard.Api.Responses;
using Dashboard.Auth;
using Dashboard.Services.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>
/// Capacity reports under /api/v1/reports: ask for one (202 with its id; a background job builds it),
/// poll its progress, download the finished document. Owner and PM audiences; revenue only in the owner's.
/// </summary>
internal static class ReportEndpoints
{
    /// <summary>The body of POST /api/v1/reports.</summary>
    public sealed record ReportRequest(string? Audience);

    public static IEndpointRouteBuilder MapReportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").RequireAuthorization(Policies.Forecasts);

        api.MapPost("", async Task<Results<Accepted<ReportAccepted>, ValidationProblem, ProblemHttpResult>> (HttpRequest request, ClaimsPrincipal user, IReportService reports) =>
        {
            ReportRequest? body;
            try
            {
                body = request.HasJsonContentType()
                    ? await request.ReadFromJsonAsync<ReportRequest>(request.HttpContext.RequestAborted)
                    : null;
            }
            catch (JsonException ex)
            {
                return Invalid("body", $"The body is not valid JSON for a report request: {ex.Message}");
            }
            if (!ReportAudiences.TryParse(body?.Audience, out var audience))
            {
                return Invalid("audience", body?.Audience is null
                    ? "audience is required: \"owner\" or \"pm\"."
                    : $"audience must be \"owner\" or \"pm\", but was \"{body.Audience}\".");
            }
            if (!ReportAudiences.MayUse(user, audience))
            {
                return TypedResults.Problem("The owner report carries revenue figures and is for owners only; ask for audience \"pm\".",
                    statusCode: StatusCodes.Status403Forbidden);
            }
            var report = await reports.RequestAsync(user, audience, request.HttpContext.RequestAborted);
            return TypedResults.Accepted($"/api/v1/reports/{report.Id}", new ReportAccepted(report.Id, report.State, report.Audience));
        }).Accepts<ReportRequest>("application/json").RequireRateLimiting(RateLimitRegistration.Jobs);

        api.MapGet("", async Task<Results<Ok<ReportList>, ValidationProblem>> (string? audience, ClaimsPrincipal user, IReportService reports, CancellationToken ct) =>
        {
            ReportAudience? only = null;
            if (audience is not null)
            {
                if (!ReportAudiences.TryParse(audience, out var parsed))
                {
                    return Invalid("audience", $"audience must be \"owner\" or \"pm\", but was \"{audience}\".");
                }
                only = parsed;
            }
            return TypedResults.Ok(new ReportList(await reports.ListAsync(user, only, ReportBuilder.KeepPerAudience, ct)));
        });

        api.MapGet("/{id:guid}", async Task<Results<Ok<ReportView>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, IReportService reports, CancellationToken ct) =>
            await reports.GetAsync(user, id, ct) is { } report ? TypedResults.Ok(report) : NotFound(id));

        api.MapGet("/{id:guid}/download", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, IReportService reports, HttpResponse response, CancellationToken ct) =>
        {
            if (await reports.DownloadAsync(user, id, ct) is { } file)
            {
                // An owner report holds revenue: no shared cache may keep it.
                response.Headers.CacheControl = "no-store";
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            }
            return await reports.GetAsync(user, id, ct) is { } pending
                ? TypedResults.Problem($"Report {id} is not ready: {pending.State.ToLowerInvariant()}{(pending.Error is { } e ? $" ({e})" : $", {pending.Progress} %")}.",
                    statusCode: StatusCodes.Status409Conflict)
                : NotFound(id);
        });

        return app;
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The report request is invalid.");

    // Also the answer for another audience's report: its existence is not disclosed.
    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"No report {id} that you may read.", statusCode: StatusCodes.Status404NotFound);
}
