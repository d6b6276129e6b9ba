using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Api;

/// <summary>
/// An example request body for every <c>/api/v1</c> operation that takes one (issue 16, item 7), shown by the API
/// reference and usable as it stands against the demo: the body a person would send first, not a schema's zeros.
/// Keyed like <see cref="ApiOperations"/>; <c>ApiDescriptionTests</c> fails for a body without an example, or an
/// example naming a field its schema lacks.
/// </summary>
internal static class ApiRequestExamples
{
    /// <summary>One example: the body's text and its media type.</summary>
    public sealed record Example(string Body, string ContentType = "application/json");

    private static readonly Dictionary<string, Example> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PUT /api/v1/business/profile"] = new("""
            { "monthlyRecurringRevenueUsd": 250000, "activeUsers": 12000, "monthlyInfraSpendUsd": 18000,
              "sloTargetPercent": 99.9, "conversionBaselineLatencyMs": 300, "revenuePerConversionUsd": 40 }
            """),
        ["POST /api/v1/forecasts/adhoc"] = new("""
            { "points": [[1733529600, 61.2], [1733533200, 61.9], [1733536800, 62.4], [1733540400, 63.1]],
              "horizonSeconds": 604800, "threshold": 80, "direction": "AboveIsBad" }
            """),
        ["PUT /api/v1/thresholds/{metricId}"] = new("""{ "warning": 75, "critical": 90, "sustainedForSeconds": 300 }"""),
        ["PUT /api/v1/resources/{id}"] = new("""
            { "name": "Redis memory", "category": "Saturation", "unit": "%", "direction": "AboveIsBad",
              "usageQuery": "redis_memory_used_bytes", "capacityQuery": "redis_memory_max_bytes", "entityLabel": "instance",
              "warning": 75, "critical": 90, "sustainedForSeconds": 300, "loadModel": "Linear", "note": "Session cache; owned by the platform team" }
            """),
        ["POST /api/v1/resources/preview"] = new("""
            { "query": "redis_memory_used_bytes", "capacityQuery": "redis_memory_max_bytes", "entityLabel": "instance", "unit": "%" }
            """),
        ["POST /api/v1/config/import"] = new("""
            thresholds:
              cpu: { warning: 70, critical: 85, sustainedForSeconds: 300 }
            """, "application/yaml"),
        ["PUT /api/v1/settings/sources"] = new("""
            { "prometheus": { "url": "http://prometheus:9090", "timeoutSeconds": 10, "maxRetries": 2 },
              "alertmanager": { "url": "http://alertmanager:9093" },
              "postgres": [ { "name": "app", "connectionString": "Host=db;Port=5432;Database=app;Username=monitor", "password": { "value": "from-your-vault" } } ] }
            """),
        ["POST /api/v1/settings/sources/test"] = new("""{ "kind": "Prometheus", "values": { "url": "http://prometheus:9090", "timeoutSeconds": 5 } }"""),
        ["PUT /api/v1/checklist/items/{id}"] = new("""{ "done": true, "note": "Read replica added on Dec 7; lag under 1 s" }"""),
        ["POST /api/v1/reports"] = new("""{ "audience": "owner" }"""),
        ["POST /api/v1/alerts/{id}/ack"] = new("""{ "note": "Looking into it: a batch import started at 14:00" }"""),
        ["POST /api/v1/alerts/{id}/silence"] = new("""{ "until": "2026-12-08T06:00:00Z", "reason": "Planned migration tonight" }"""),
        ["POST /api/v1/presets/detect"] = new("""{ "match": ["node_exporter", "postgres_exporter"] }"""),
        ["POST /api/v1/presets/{id}/apply"] = new("""{ "resources": ["redis_memory", "redis_clients"] }"""),
        ["PUT /api/v1/demo/load"] = new("""{ "multiplier": 3 }"""),
    };

    /// <summary>The example for an endpoint; null when it takes no body.</summary>
    public static Example? Find(string method, string route) => Table.GetValueOrDefault(ApiOperations.KeyOf(method, route));

    /// <summary>Puts the row's example on the operation's request body (and the body itself, for a handler that reads it by hand).</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (description.HttpMethod is not { } method || description.RelativePath is not { } path
            || Find(method, "/" + path.Split('?')[0]) is not { } example)
        {
            return Task.CompletedTask;
        }
        operation.RequestBody ??= new OpenApiRequestBody { Required = true };
        if (operation.RequestBody is not OpenApiRequestBody body)
        {
            return Task.CompletedTask;
        }
        body.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (!body.Content.TryGetValue(example.ContentType, out var media))
        {
            media = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            body.Content[example.ContentType] = media;
        }
        media.Example = example.ContentType == "application/json"
            ? System.Text.Json.Nodes.JsonNode.Parse(example.Body)
            : System.Text.Json.Nodes.JsonValue.Create(example.Body);
        return Task.CompletedTask;
    }
}
