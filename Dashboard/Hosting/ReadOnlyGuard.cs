using Dashboard.Jobs.Storage.Primary;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Dashboard.Hosting;

/// <summary>
/// While the primary is unreachable (docs/decisions/028), a request that would write answers 503 with Retry-After
/// and a problem+json body saying the app is read-only, instead of failing half-way with a 500. Reads pass.
/// </summary>
internal static class ReadOnlyGuard
{
    /// <summary>Seconds a client should wait: the probe looks again every 2 s, an outage lasts longer.</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>Endpoint metadata: this POST computes or tests and stores nothing, so it works while read-only.</summary>
    public sealed class AllowedWhileReadOnly;

    public static TBuilder AllowWhileReadOnly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowedWhileReadOnly());

    public static WebApplication UseReadOnlyGuard(this WebApplication app)
    {
        var status = app.Services.GetRequiredService<PrimaryStatus>();
        app.Use(async (context, next) =>
        {
            if (status.Outage is { } outage && IsWrite(context))
            {
                await WriteAsync(context, outage);
                return;
            }
            await next();
        });
        return app;
    }

    /// <summary>A write that slipped past the guard (the outage began during the request) gets the same answer.</summary>
    public static bool IsReadOnlyFailure(Exception? exception) =>
        exception is PrimaryUnavailableException ||
        exception is PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction };

    public static ProblemDetails Problem(PrimaryOutage? outage) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Read-only: the primary database is unreachable",
        Detail = (outage?.Describe() ?? "Read-only: the primary database is unreachable") +
            $". Changes cannot be saved until it returns; reads keep working. Retry after {RetryAfterSeconds} s.",
        Type = "https://datatracker.ietf.org/doc/html/rfc9110#section-15.6.4",
    };

    private static bool IsWrite(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) &&
        !HttpMethods.IsOptions(context.Request.Method) &&
        // SignalR and Blazor negotiate with POSTs; the circuit itself is not a write.
        !RequestKinds.IsLongLived(context.Request.Path) &&
        context.GetEndpoint()?.Metadata.GetMetadata<AllowedWhileReadOnly>() is null;

    private static async Task WriteAsync(HttpContext context, PrimaryOutage outage)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problem(outage) });
    }
}
