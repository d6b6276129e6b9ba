using Dashboard.Auth;
using Dashboard.Services.DatabaseHealth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Api;

/// <summary>Database health and the decision path under /api/v1 (owner and engineer, like the engineer view).</summary>
internal static class DatabaseEndpoints
{
    public static IEndpointRouteBuilder MapDatabaseApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Engineer);

        // Every monitored target, or one with ?target=<name>.
        api.MapGet("/database/health", async Task<Results<Ok<DatabaseHealthReport>, ProblemHttpResult>> (string? target, DatabaseHealthService health, CancellationToken ct) =>
        {
            var report = await health.GetHealthAsync(ct);
            return Filter(target, report.Targets, t => t.Name) is { } error
                ? error
                : TypedResults.Ok(target is null ? report : report with { Targets = [.. report.Targets.Where(t => t.Name == target)] });
        });

        api.MapGet("/decision-path", async Task<Results<Ok<DecisionPathReport>, ProblemHttpResult>> (string? target, DatabaseHealthService health, CancellationToken ct) =>
        {
            var report = await health.GetDecisionPathAsync(ct);
            return Filter(target, report.Targets, t => t.Target) is { } error
                ? error
                : TypedResults.Ok(target is null ? report : report with { Targets = [.. report.Targets.Where(t => t.Target == target)] });
        });
        return app;
    }

    /// <summary>A 404 naming the known targets when <paramref name="target"/> is not one of them.</summary>
    private static ProblemHttpResult? Filter<T>(string? target, IReadOnlyList<T> targets, Func<T, string> name) =>
        target is null || targets.Any(t => name(t) == target)
            ? null
            : TypedResults.Problem($"No monitored PostgreSQL target '{target}'. Known targets: {string.Join(", ", targets.Select(name))}.",
                statusCode: StatusCodes.Status404NotFound);
}
