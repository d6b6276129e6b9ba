using Dashboard.Auth;
using Dashboard.Health;
using Dashboard.Jobs.Settings;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Dashboard.Hosting;

internal static class ObservabilityRegistration
{
    public const string ReadyTag = "ready";

    /// <summary>JSON logs with a correlation id per request, health checks per dependency, and their publisher.</summary>
    public static IHostApplicationBuilder AddDashboardObservability(this IHostApplicationBuilder builder)
    {
        MetricsDefaults.Apply();
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });

        builder.Services.AddHttpClient(PrometheusHealthCheck.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(3));
        builder.Services.AddSingleton<DependencyStatus>();
        builder.Services.AddSingleton<IHealthCheckPublisher>(sp => sp.GetRequiredService<DependencyStatus>());
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.FromSeconds(1);
            o.Period = TimeSpan.FromSeconds(10);
        });
        builder.Services.AddHealthChecks()
            .AddCheck<PrimaryHealthCheck>("primary", HealthStatus.Degraded, [ReadyTag])
            .Add(new HealthCheckRegistration("replica",
                sp => new PostgresHealthCheck(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Replica, expectStandby: true),
                HealthStatus.Degraded, [ReadyTag]))
            .AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, [ReadyTag])
            .AddCheck<PrometheusHealthCheck>("prometheus", HealthStatus.Degraded, [ReadyTag]);
        return builder;
    }

    public static WebApplication UseCorrelationId(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers["X-Correlation-Id"].ToString();
            // Accept a caller's id only if it is short and plain; otherwise use our own trace id.
            var id = incoming.Length is > 0 and <= 64 && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                ? incoming
                : context.TraceIdentifier;
            context.Response.Headers["X-Correlation-Id"] = id;
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Dashboard.Request");
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            {
                await next();
            }
        });
        return app;
    }

    /// <summary>/metrics (scrape token or owner/engineer), /health/ready (same), /health/live (anonymous, says nothing).</summary>
    public static WebApplication MapDashboardTelemetry(this WebApplication app)
    {
        app.MapMetrics().RequireAuthorization(Policies.Telemetry);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
            // Degraded dependencies (a down primary too: read-only, docs/decisions/028) leave the app serving.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).RequireAuthorization(Policies.Telemetry);
        // Liveness says only that the process answers: no dependency names, no data.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        return app;
    }
}
