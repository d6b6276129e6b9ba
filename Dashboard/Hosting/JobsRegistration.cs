using Dashboard.Auth;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Settings;
using DashboardOptions = Dashboard.Jobs.Settings.DashboardOptions;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Dashboard.Jobs.Demo;
using Dashboard.Jobs.Forecasting;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Sources.Postgres;

namespace Dashboard.Hosting;

internal static class JobsRegistration
{
    /// <summary>
    /// Hangfire on PostgreSQL (schema "hangfire", sliding invisibility timeout so a killed worker's
    /// job is picked up again after Dashboard:JobInvisibilityTimeout; one-at-a-time jobs hold a
    /// session advisory lock that dies with the worker). Every role can enqueue; only worker/both run a server.
    /// </summary>
    public static IHostApplicationBuilder AddDashboardJobs(this IHostApplicationBuilder builder)
    {
        var dashboard = builder.Configuration.Read<DashboardOptions>(DashboardOptions.Section);

        builder.Services.AddSingleton<JobRunRecorder>();
        builder.Services.AddTransient<HeartbeatJob>();
        builder.Services.AddTransient<RollupJob>();
        builder.Services.AddTransient<RetentionJob>();

        // Ingestion: sources -> store, with per-source staleness.
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IngestOptions>, ConfigurationValidator>();
        builder.Services.AddSingleton<SourceStatusTracker>();
        builder.Services.AddSingleton<PostgresSnapshots>();
        builder.Services.AddSingleton<PostgresSnapshotStore>();
        builder.Services.AddSingleton(new PostgresStatsCollector());
        builder.Services.AddTransient<PrometheusIngestJob>();
        builder.Services.AddTransient<PostgresStatsJob>();
        builder.Services.AddTransient<ScrapeIngestJob>();
        builder.Services.AddHttpClient(ScrapeIngestJob.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddTransient<DemoHistoryJob>();
        // One demo model per process: the live workload and the history generator share its anchor.
        builder.Services.AddSingleton(sp => new DemoTrafficModel(DemoAnchor.Fresh(sp.GetRequiredService<TimeProvider>().GetUtcNow())));
        builder.Services.AddSingleton<Dashboard.Jobs.Alerts.AlertStore>();
        builder.Services.AddTransient<AlertmanagerSyncJob>();

        // Forecasting: history -> Domain models -> stored forecasts.
        builder.Services.AddSingleton<ForecastRunner>();
        builder.Services.AddTransient<ForecastJob>();

        builder.Services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(c => c.UseNpgsqlConnection(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Primary), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = sp.GetRequiredService<IOptions<DashboardOptions>>().Value.JobInvisibilityTimeout,
                QueuePollInterval = TimeSpan.FromSeconds(1),
            })
            .UseFilter(new OneAtATimeFilter(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Primary)));

        if (dashboard.RunsWorker)
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                o.WorkerCount = Math.Max(2, Environment.ProcessorCount * 2);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
            // Hangfire's storage is the primary: while it is unreachable, the live gauges come from here (docs/decisions/028).
            builder.Services.AddHostedService<ReadOnlyLivePasses>();
            builder.Services.AddSingleton<RecurringJobsRegistrar>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RecurringJobsRegistrar>());
        }
        return builder;
    }

    /// <summary>The Hangfire dashboard, for owners and engineers only.</summary>
    public static WebApplication MapDashboardJobsUi(this WebApplication app)
    {
        // Hangfire's /stats reads a form POST (metrics[]=...); anything else made it throw (a 500). After authorization,
        // so only owners and engineers learn what it expects.
        app.UseWhen(
            ctx => ctx.Request.Path.StartsWithSegments("/hangfire/stats", StringComparison.OrdinalIgnoreCase) &&
                !(HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.HasFormContentType),
            branch => branch.Run(ctx => TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Not a Hangfire statistics request",
                detail: "/hangfire/stats is read by the jobs dashboard with a form POST (application/x-www-form-urlencoded, metrics[]=...).").ExecuteAsync(ctx)));

        app.MapHangfireDashboard("/hangfire", new Hangfire.DashboardOptions
        {
            Authorization = [new AllowAuthorizedEndpoint()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Dashboard jobs",
            AppPath = "/",
        }).RequireAuthorization(Policies.Operations);
        return app;
    }

    /// <summary>The endpoint's own authorization policy decides; Hangfire's local-only default must not.</summary>
    private sealed class AllowAuthorizedEndpoint : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => true;
    }
}
