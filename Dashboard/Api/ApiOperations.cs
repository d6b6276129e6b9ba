using Dashboard.Api.Responses;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Services;
using Dashboard.Services.Alerts;
using Dashboard.Services.Checklist;
using Dashboard.Services.Config;
using Dashboard.Services.DatabaseHealth;
using Dashboard.Services.Forecasts;
using Dashboard.Services.Presets;
using Dashboard.Services.Reports;
using Dashboard.Services.Resources;
using Dashboard.Services.Sources;
using Microsoft.AspNetCore.Http.Metadata;

namespace Dashboard.Api;

/// <summary>
/// Every <c>/api/v1</c> operation by method and route, for the OpenAPI document (issue 16, item 7): a stable
/// operation name, a one-line summary, what a success answers (type and media type) and which refusals it can
/// give besides the ones every endpoint can (401, 403, 429). One table, so a new endpoint without a row is caught
/// by <c>OpenApiDocumentTests</c>. The handlers answer typed results (<c>TypedResults</c>, <c>Results&lt;…&gt;</c>),
/// which describe their own responses; a row fills in only what they leave out.
/// </summary>
internal static class ApiOperations
{
    /// <summary>One operation's description.</summary>
    /// <param name="Name">The operationId: unique, stable, what a generated client calls the method.</param>
    /// <param name="Summary">One line for people reading the reference.</param>
    /// <param name="Response">The success body's type (the fullest one where the handler answers several); null for a file or no body.</param>
    /// <param name="Status">The success status.</param>
    /// <param name="ContentType">The success media type.</param>
    /// <param name="Problems">Statuses beyond 401/403/429 answered as problem+json (400 invalid input, 404 not found, 409 conflict).</param>
    public sealed record Operation(string Name, string Summary, Type? Response = null, int Status = 200, string ContentType = "application/json", params int[] Problems);

    private static readonly Dictionary<string, Operation> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GET /api/v1/me"] = new("GetMe", "Who is signed in: name, roles and what they may open.", typeof(SignedInUser)),
        ["GET /api/v1/business/profile"] = new("GetBusinessProfile", "The business profile (revenue fields for owners only).", typeof(BusinessProfileView)),
        ["PUT /api/v1/business/profile"] = new("UpdateBusinessProfile", "Change the business profile (owners); audited.", typeof(BusinessProfileView), Problems: [400]),
        ["GET /api/v1/status"] = new("GetStatus", "The latest saturation gauges the caller may see, with their reading time.", typeof(GaugeBatch)),
        ["GET /api/v1/catalog"] = new("GetCatalog", "The metric catalog: names, units, thresholds and directions.", typeof(IReadOnlyList<MetricSettingRow>)),
        ["GET /api/v1/jobs"] = new("GetJobs", "Background jobs: last run, next run and failures.", typeof(IReadOnlyList<JobRunRow>)),
        ["GET /api/v1/sources"] = new("GetSources", "Each data source's state: live, or stale since when and why.", typeof(IReadOnlyList<SourceStatusView>)),
        ["GET /api/v1/dependencies"] = new("GetDependencies", "The dashboard's own stores (primary, replica, cache) and their health.", typeof(IReadOnlyList<DependencyView>)),
        ["GET /api/v1/forecasts"] = new("GetForecasts", "Every stored forecast with its warning and critical dates.", typeof(ForecastList)),
        ["GET /api/v1/forecasts/export.csv"] = new("ExportForecasts", "The forecast table as CSV.", ContentType: "text/csv"),
        ["GET /api/v1/forecasts/{metric}"] = new("GetForecast", "One series' forecast with its history and band.", typeof(ForecastDetail), Problems: [400, 404]),
        ["POST /api/v1/forecasts/adhoc"] = new("ForecastAdhoc", "Forecast a series you send, without storing it.", typeof(AdhocForecastResponse), Problems: [400]),
        ["POST /api/v1/forecasts/recompute"] = new("RecomputeForecasts", "Queue a forecast run now; answers where to follow it.", typeof(ForecastRunAccepted), Status: 202),
        ["GET /api/v1/forecasts/runs/{id}"] = new("GetForecastRun", "A forecast run's progress and outcome.", typeof(ForecastRunView)),
        ["GET /api/v1/stage/eta"] = new("GetStageEta", "When active users are expected to reach the next growth stage.", typeof(StageEta)),
        ["GET /api/v1/whatif"] = new("GetWhatIf", "What breaks at a load multiplier (?multiplier=3).", typeof(WhatIfAnswer), Problems: [400]),
        ["PUT /api/v1/thresholds/{metricId}"] = new("UpdateThreshold", "Override a metric's warning and critical levels; audited.", typeof(MetricSettingRow), Problems: [400, 404]),
        ["DELETE /api/v1/thresholds/{metricId}"] = new("ResetThreshold", "Back to the catalog's levels for a metric; audited.", typeof(MetricSettingRow), Problems: [404]),
        ["GET /api/v1/resources"] = new("GetResources", "Resources of your own: queries, units and thresholds.", typeof(IReadOnlyList<ResourceView>)),
        ["GET /api/v1/resources/{id}"] = new("GetResource", "One resource of your own.", typeof(ResourceView), Problems: [404]),
        ["PUT /api/v1/resources/{id}"] = new("PutResource", "Create or change a resource; its query is checked against Prometheus first.", typeof(ResourceView), Problems: [400]),
        ["DELETE /api/v1/resources/{id}"] = new("DeleteResource", "Remove a resource and what is stored about it; answers the resource as it was.", typeof(ResourceView), Problems: [404, 409]),
        ["POST /api/v1/resources/preview"] = new("PreviewResource", "Run a resource's query without saving it: the series it finds.", typeof(ResourcePreview), Problems: [400]),
        ["GET /api/v1/config/export"] = new("ExportConfig", "The configuration as a YAML file.", ContentType: "application/yaml"),
        ["POST /api/v1/config/import"] = new("ImportConfig", "Apply a YAML configuration; every problem is named by line.", typeof(ConfigImportSummary), Problems: [400, 413, 415]),
        ["GET /api/v1/business/summary"] = new("GetBusinessSummary", "Uptime, error budget, downtime cost and revenue at risk (money for owners).", typeof(BusinessSummary)),
        ["GET /api/v1/stage"] = new("GetStage", "The growth stage and whether spend fits it.", typeof(StageView)),
        ["GET /api/v1/settings/sources"] = new("GetSourceSettings", "Prometheus, Alertmanager and PostgreSQL settings (secrets never shown).", typeof(SourceSettingsView)),
        ["PUT /api/v1/settings/sources"] = new("UpdateSourceSettings", "Change the sources; audited.", typeof(SourceSettingsView), Problems: [400]),
        ["POST /api/v1/settings/sources/test"] = new("TestSource", "Try a connection with the given settings, without saving them.", typeof(SourceTestResult), Problems: [400]),
        ["GET /api/v1/database/health"] = new("GetDatabaseHealth", "Each monitored PostgreSQL: connections, cache, bloat, locks, top queries.", typeof(DatabaseHealthReport), Problems: [404]),
        ["GET /api/v1/decision-path"] = new("GetDecisionPath", "The database scaling decision path with its evidence.", typeof(DecisionPathReport), Problems: [404]),
        ["GET /api/v1/checklist"] = new("GetChecklist", "The scaling checklist with who ticked what.", typeof(ChecklistWithHistory)),
        ["PUT /api/v1/checklist/items/{id}"] = new("UpdateChecklistItem", "Tick or untick a checklist item, with a note.", typeof(ChecklistItemView), Problems: [400, 404]),
        ["POST /api/v1/reports"] = new("CreateReport", "Queue a report for an audience; answers where to follow it.", typeof(ReportAccepted), Status: 202, Problems: [400]),
        ["GET /api/v1/reports"] = new("GetReports", "Recent reports the caller may read.", typeof(ReportList), Problems: [400]),
        ["GET /api/v1/reports/{id}"] = new("GetReport", "One report's state.", typeof(ReportView), Problems: [404]),
        ["GET /api/v1/reports/{id}/download"] = new("DownloadReport", "A finished report's file.", ContentType: "application/pdf", Problems: [404, 409]),
        ["GET /api/v1/alerts"] = new("GetAlerts", "Alerts to triage: firing, acknowledged, silenced and recently resolved.", typeof(AlertTriageReport)),
        ["POST /api/v1/alerts/{id}/ack"] = new("AcknowledgeAlert", "Acknowledge an alert; audited.", typeof(AlertActionView), Problems: [404, 409]),
        ["POST /api/v1/alerts/{id}/silence"] = new("SilenceAlert", "Silence an alert for a while, in Alertmanager too.", typeof(AlertActionView), Problems: [400, 404, 409]),
        ["DELETE /api/v1/alerts/{id}/silence"] = new("UnsilenceAlert", "End an alert's silence.", typeof(AlertActionView), Problems: [404, 409]),
        ["GET /api/v1/rules/prometheus"] = new("GetPrometheusRules", "The SLO and resource alerts as a Prometheus rule file.", ContentType: "application/yaml"),
        ["GET /api/v1/presets"] = new("GetPresets", "Presets for common exporters.", typeof(IReadOnlyList<PresetView>)),
        ["POST /api/v1/presets/detect"] = new("DetectPresets", "Which presets the connected Prometheus has metrics for.", typeof(PresetDetectionView), Problems: [400, 503]),
        ["POST /api/v1/presets/{id}/apply"] = new("ApplyPreset", "Add a preset's resources.", typeof(IReadOnlyList<ResourceView>), Problems: [400, 404]),
        ["GET /api/v1/users"] = new("GetUsers", "The dashboard's users: role, how they sign in, disabled or not (owners).", typeof(IReadOnlyList<Dashboard.Services.Users.UserView>)),
        ["POST /api/v1/users/{id}/disable"] = new("DisableUser", "Disable a user: refused at sign-in, open sessions end; audited (owners).", typeof(Dashboard.Services.Users.UserView), Problems: [404, 409]),
        ["POST /api/v1/users/{id}/enable"] = new("EnableUser", "Enable a disabled user again; audited (owners).", typeof(Dashboard.Services.Users.UserView), Problems: [404, 409]),
        ["PUT /api/v1/demo/load"] = new("SetDemoLoad", "Set the demo's load multiplier (demo mode only).", typeof(DemoLoad), Problems: [400]),
    };

    /// <summary>The key of an endpoint: "GET /api/v1/forecasts/{metric}" (route constraints dropped).</summary>
    public static string KeyOf(string method, string route) =>
        $"{method.ToUpperInvariant()} {System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/')}";

    /// <summary>The row for an endpoint; null when it has none (the document test names it).</summary>
    public static Operation? Find(string method, string route) => Table.GetValueOrDefault(KeyOf(method, route));

    /// <summary>
    /// Adds the rows' names, summaries and responses to the <c>/api/v1</c> endpoints of <paramref name="group"/>, where the
    /// endpoint does not say them itself. A "finally" convention: it runs after the endpoint's own conventions and after
    /// the metadata its typed results add (which a plain group convention would run before), so a status the handler's
    /// <c>Results&lt;…&gt;</c> already describes is not described twice.
    /// </summary>
    public static TBuilder Described<TBuilder>(this TBuilder group)
        where TBuilder : IEndpointConventionBuilder
    {
        group.Finally(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route || route.RoutePattern.RawText is not { } pattern
                || endpoint.Metadata.OfType<IHttpMethodMetadata>().FirstOrDefault()?.HttpMethods is not [var method, ..]
                || Find(method, pattern) is not { } operation)
            {
                return;
            }

            if (!endpoint.Metadata.OfType<IEndpointNameMetadata>().Any())
            {
                endpoint.Metadata.Add(new EndpointNameMetadata(operation.Name));
            }

            if (!endpoint.Metadata.OfType<IEndpointSummaryMetadata>().Any())
            {
                endpoint.Metadata.Add(new EndpointSummaryAttribute(operation.Summary));
            }

            if (!endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == operation.Status))
            {
                // No body (204) is void; a JSON row without a type would be an open object (OpenApiDocumentTests refuses it).
                var type = operation.Status == 204 ? typeof(void) : operation.Response ?? (operation.ContentType == "application/json" ? typeof(object) : typeof(string));
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(operation.Status, type, operation.Status == 204 ? [] : [operation.ContentType]));
            }

            foreach (var status in operation.Problems.Concat([401, 403, 429]))
            {
                if (!endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == status))
                {
                    endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
                }
            }
        });
        return group;
    }
}
