using Dashboard.Api;
using Dashboard.Auth;
using Dashboard.Components;
using Dashboard.Demo;
using Dashboard.Live;
using Dashboard.Rules;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Alertmanager;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Forecasting;
using Dashboard.Services;
using Dashboard.Services.Forecasts;
using Dashboard.Services.Reports;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Prometheus;

namespace Dashboard.Hosting;

/// <summary>Composition of the whole host, grouped by concern; Program.cs only calls these.</summary>
internal static class DashboardApp
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddStackSettingsFile();
        builder.AddSourceSettings();

        // Configuration and storage
        builder.AddDashboardOptions();
        builder.AddDashboardStorage();
        builder.AddDashboardCache();

        // Live gauges: feed, hub, backplane
        builder.AddDashboardLive();

        // Jobs (server only in worker/both roles)
        builder.AddDashboardJobs();
        builder.AddPrometheusSource();
        builder.AddAlertmanagerSource();

        // Security
        builder.AddDashboardAuth();

        // Telemetry
        builder.AddDashboardObservability();

        // UI and API
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        CircuitSettings.Register(builder.Services);
        builder.AddPageCompression();
        // Messages at the bottom: at the top right they covered the page actions (Export, Recompute) they report on.
        builder.Services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        builder.Services.AddDashboardOpenApi();
        // Shared by every circuit (decision 035): the live gauges' state and display-only markup.
        builder.Services.AddSingleton<Components.Shared.SharedMarkup>();
        builder.Services.AddSingleton(sp => new Components.Live.GaugeBoard(
            sp.GetRequiredService<Jobs.Live.LiveFeed>(),
            Components.Live.GaugeHistory.From(sp.GetRequiredService<Jobs.Storage.ObservationHistory>(), sp.GetRequiredService<TimeProvider>())));
        builder.Services.AddScoped<BusinessProfileService>();
        builder.Services.AddScoped<SystemStatusService>();
        builder.Services.AddScoped<RulesInputSource>();
        builder.Services.AddScoped<ThresholdSettingsService>();
        builder.Services.AddScoped<Services.Resources.ResourceService>();
        builder.Services.AddScoped<Services.Resources.ResourcePreviewService>();
        builder.Services.AddScoped<Services.Config.ConfigSources>();
        builder.Services.AddScoped<Services.Config.ConfigImporter>();
        builder.Services.AddScoped<Services.Config.ConfigExporter>();
        builder.Services.AddScoped<Services.Resources.MetricNameSuggestions>();
        builder.Services.AddScoped<Services.Presets.PresetApplyService>();
        builder.Services.AddScoped<ForecastQueryService>();
        builder.Services.AddScoped<WhatIfService>();
        builder.Services.AddScoped<BusinessSummaryService>();
        builder.Services.AddScoped<Services.Signals.SignalsSnapshotService>();
        builder.Services.AddScoped<Dashboard.Services.DatabaseHealth.DatabaseHealthService>();
        builder.Services.AddDashboardReports();
        builder.Services.AddSingleton(new ReportTemplate(typeof(Components.Reports.ReportDocument)));
        builder.Services.AddScoped<Dashboard.Services.Alerts.IAlertTriage, Dashboard.Services.Alerts.AlertTriageService>();
        builder.Services.AddSingleton<AdhocForecastService>();
        builder.Services.AddScoped<Services.Checklist.ChecklistService>();
        builder.Services.AddScoped<Services.Designer.DesignerService>();
        builder.Services.AddScoped<Services.Users.UserAdminService>();
        builder.Services.AddScoped<Services.Presets.PresetDiscoveryService>();
        builder.Services.AddSingleton<Services.Setup.SetupStatus>();
        builder.Services.AddScoped<Services.Setup.SetupWizardService>();
        builder.Services.AddSingleton<IForecastCacheInvalidator, HybridForecastCacheInvalidator>();
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        // A request the API cannot read (a body that is not JSON, a missing parameter) becomes a
        // problem+json 400 that says what could not be read, instead of an empty 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.Exception is BadHttpRequestException bad)
            {
                c.ProblemDetails.Detail = bad.Message;
                // Every 400 names its field: the JSON path that did not convert, or the parameter that is missing.
                c.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [BadRequestField.Of(bad)] = [BadRequestField.Reason(bad)] };
            }
            else if (ReadOnlyGuard.IsReadOnlyFailure(c.Exception))
            {
                var problem = ReadOnlyGuard.Problem(c.HttpContext.RequestServices.GetRequiredService<Jobs.Storage.Primary.PrimaryStatus>().Outage);
                (c.ProblemDetails.Title, c.ProblemDetails.Detail, c.ProblemDetails.Type) = (problem.Title, problem.Detail, problem.Type);
                c.HttpContext.Response.Headers.RetryAfter = ReadOnlyGuard.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        });

        // Demo mode: a living demo SaaS for Prometheus to scrape (idle unless Dashboard:DemoMode).
        builder.Services.AddSingleton<DemoWorkload>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoWorkload>());
        return builder;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;

        app.UseCorrelationId();
        // Machines get a problem+json with the right status (a body that is not JSON is a 400);
        // people get the error page. Re-executing /error for an API PUT would answer 405.
        // A client's mistake is logged at Information, one line without a stack trace; a 500 stays an Error.
        var clientErrors = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dashboard.ClientErrors");
        app.UseWhen(
            ctx => RequestKinds.IsMachine(ctx.Request.Path),
            branch => branch.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode
                    : ReadOnlyGuard.IsReadOnlyFailure(ex) ? StatusCodes.Status503ServiceUnavailable
                    : StatusCodes.Status500InternalServerError,
                SuppressDiagnosticsCallback = c => ClientErrorLog.Suppress(clientErrors, c.HttpContext, c.Exception),
            }));
        app.UseWhen(
            ctx => !RequestKinds.IsMachine(ctx.Request.Path),
            branch => branch.UseExceptionHandler("/error", createScopeForErrors: true));
        app.UseSecurityHeaders();
        // Pages' HTML only (text/html); precompressed static assets and API responses pass through untouched.
        app.UseResponseCompression();
        // People get a page for an empty error response; machines (API, hubs, telemetry) keep the bare status.
        app.UseWhen(
            ctx => !RequestKinds.IsMachine(ctx.Request.Path),
            branch => branch.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        // Explicit, after the status-code pages, so a re-executed request is routed (and authorized) again.
        app.UseRouting();
        // Request metrics for requests, not for hub and Blazor connections that live for hours:
        // those would skew the duration histogram and hold per-request state for their lifetime.
        app.UseWhen(ctx => !RequestKinds.IsLongLived(ctx.Request.Path),
            branch => branch.UseHttpMetrics());
        app.UseAuthentication();
        // Before authorization: a forged request is refused as forged, whatever its target (decision 027).
        app.UseMiddleware<OriginGuard>();
        app.UseAuthorization();
        // After authentication, so the expensive endpoints' limits are counted per user.
        app.UseRateLimiter();
        app.UseAntiforgery();
        // After authentication, so an anonymous write still gets 401, not a hint about the database.
        app.UseReadOnlyGuard();

        app.MapDashboardTelemetry();
        if (options.RunsWeb)
        {
            app.MapStaticAssets().AllowAnonymous();
            // The sign-in form is for people: an unsafe returnUrl goes to /, it is not an API error.
            app.MapAccountEndpoints();
            app.MapApiV1();
            app.MapDashboardOpenApi();
            app.MapDashboardLive();
            app.MapDashboardJobsUi();
            var circuits = app.Services.GetRequiredService<IOptions<CircuitSettings>>().Value;
            app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => CircuitSettings.ConfigureEndpoint(o, circuits));
        }
        if (options.DemoMode)
        {
            app.MapApiV1Group().MapDemoWorkload();
        }
        return app;
    }

    /// <summary>Every <c>/api/v1</c> endpoint of the web role (the document tests map the same).</summary>
    public static IEndpointRouteBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var limited = app.MapApiV1Group();
        limited.MapDashboardApi();
        limited.MapForecastApi();
        limited.MapSettingsApi();
        limited.MapResourceApi();
        limited.MapConfigApi();
        limited.MapBusinessApi();
        limited.MapSourceSettingsApi();
        limited.MapDatabaseApi();
        limited.MapChecklistApi();
        limited.MapReportApi();
        limited.MapAlertApi();
        limited.MapPrometheusRulesApi();
        limited.MapPresetApi();
        limited.MapUserApi();
        return app;
    }

    /// <summary>
    /// The group every <c>/api/v1</c> endpoint is mapped in: every input meets the general limits (length, control characters,
    /// number size) before a handler runs, and each endpoint is tagged by its area and described (<see cref="ApiOperations"/>).
    /// </summary>
    public static RouteGroupBuilder MapApiV1Group(this IEndpointRouteBuilder app) =>
        app.MapGroup("").AddEndpointFilter<InputLimitsFilter>().TaggedByArea().Described();

    /// <summary>Migrations, reference data and users; idempotent, safe from several instances at once.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserSeeder>().SeedAsync(cancellationToken);
    }
}
