using System.Security.Claims;
using System.Text;
using Dashboard.Auth;
using Dashboard.Jobs.Rules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Rules;

/// <summary>
/// GET /api/v1/rules/prometheus: the dashboard's SLO and resource alerts as a Prometheus rule file to load with
/// <c>rule_files:</c>, so alerting goes on while the dashboard is down (docs/decisions/022-prometheus-rules.md).
/// </summary>
internal static class PrometheusRulesEndpoints
{
    public const string ContentType = "application/yaml";
    public const string FileName = "dashboard-rules.yml";

    public static IEndpointRouteBuilder MapPrometheusRulesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/rules")
            .RequireAuthorization(Policies.Operations)
            .WithTags("Rules")
            .MapGet("/prometheus", GetPrometheusRulesAsync)
            .WithName("GetPrometheusRules")
            .WithSummary("The SLO burn-rate and resource threshold alerts as a Prometheus rule file (YAML).");
        return app;
    }

    public static async Task<FileContentHttpResult> GetPrometheusRulesAsync(ClaimsPrincipal user, RulesInputSource inputs, CancellationToken cancellationToken)
    {
        var yaml = PrometheusRulesGenerator.Generate(await inputs.GetAsync(user, cancellationToken));
        return TypedResults.File(Encoding.UTF8.GetBytes(yaml), ContentType, FileName);
    }
}
