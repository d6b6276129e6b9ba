using System.Text.Json;
using Dashboard.Api;
using Dashboard.Demo;
using Dashboard.Health;
using Dashboard.Hosting;
using Dashboard.Jobs.Forecasting;
using Dashboard.Rules;
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
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// The OpenAPI description of <c>/api/v1</c> without the stack: the app's own mapping (<see cref="DashboardApp.MapApiV1"/>)
/// over stand-ins for the services the handlers take (never called), its document read from an in-memory server.
/// <see cref="OpenApiDocumentTests"/> checks the document of the real app.
/// </summary>
public sealed class ApiDescriptionTests
{
    /// <summary>What the handlers take from DI. A handler that takes a new service fails here, naming the parameter, until it is added.</summary>
    private static readonly Type[] HandlerServices =
    [
        typeof(BusinessProfileService), typeof(SystemStatusService), typeof(DependencyStatus), typeof(ForecastQueryService),
        typeof(AdhocForecastService), typeof(ForecastRunner), typeof(IBackgroundJobClient), typeof(WhatIfService),
        typeof(ThresholdSettingsService), typeof(ResourceService), typeof(ResourcePreviewService), typeof(ConfigExporter),
        typeof(ConfigImporter), typeof(BusinessSummaryService), typeof(SourceSettingsService), typeof(SourceConnectionTester),
        typeof(DatabaseHealthService), typeof(ChecklistService), typeof(IReportService), typeof(IAlertTriage),
        typeof(RulesInputSource), typeof(PresetApplyService), typeof(PresetDiscoveryService), typeof(DemoWorkload),
        typeof(Dashboard.Services.Users.UserAdminService),
    ];

    [Fact]
    public async Task EveryJsonSuccess_IsANamedShape_NotAnOpenObject()
    {
        using var document = await DescribeAsync(async (_, client) => JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")));

        OpenApiShapes.AssertEveryJsonSuccessIsNamed(document.RootElement);
    }

    [Fact]
    public async Task OneStatusAnsweredWithSeveralShapes_DescribesThemAll()
    {
        using var document = await DescribeAsync(async (_, client) => JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")));
        var paths = document.RootElement.GetProperty("paths");

        string[] Shapes(string path) =>
        [
            .. paths.GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content")
                .GetProperty("application/json").GetProperty("schema").GetProperty("oneOf").EnumerateArray()
                .Select(s => s.GetProperty("$ref").GetString()!.Split('/')[^1]).Order(StringComparer.Ordinal),
        ];

        Assert.Equal(["GaugeBatch", "NoGaugesYet"], Shapes("/api/v1/status"));
        Assert.Equal(["NoStageEta", "StageEta"], Shapes("/api/v1/stage/eta"));
        Assert.Equal(["BusinessSummary", "DesignerBusinessSummary"], Shapes("/api/v1/business/summary"));
        var components = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.All(new[] { "GaugeBatch", "NoGaugesYet", "NoStageEta", "StageEta", "BusinessSummary", "DesignerBusinessSummary" },
            name => Assert.True(components.TryGetProperty(name, out var schema) && schema.TryGetProperty("properties", out _), $"no component {name} with properties"));
    }

    [Fact]
    public async Task EveryEndpoint_HasARow_DescribedOncePerStatus_RowAgreesWithTheHandler()
    {
        var endpoints = await DescribeAsync((app, _) => Task.FromResult(((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.OrdinalIgnoreCase) == true)
            .ToList()));

        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} API endpoints found: the check would prove little");
        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods[0];
            var key = ApiOperations.KeyOf(method, endpoint.RoutePattern.RawText!);
            if (ApiOperations.Find(method, endpoint.RoutePattern.RawText!) is not { } row)
            {
                problems.Add($"{key} has no row in ApiOperations");
                continue;
            }

            var produces = endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>();
            foreach (var status in produces.GroupBy(p => p.StatusCode))
            {
                // Several entries for one status only where the handler itself answers several shapes of success.
                var types = status.Select(p => p.Type).ToList();
                if (types.Count > 1 && (status.Key >= 300 || types.Distinct().Count() < types.Count || types.Contains(typeof(object))))
                {
                    problems.Add($"{key} describes {status.Key} {types.Count} times: {string.Join(", ", types.Select(t => t?.Name))}");
                }
            }

            var success = produces.Where(p => p.StatusCode == row.Status).Select(p => p.Type).ToList();
            if (row.Response is { } response && !success.Contains(response))
            {
                problems.Add($"{key}: the row says {row.Status} {response.Name}, the handler {string.Join(" or ", success.Select(t => t?.Name))}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public async Task EveryRequestBody_HasAnExample_NamingOnlyFieldsItsSchemaHas()
    {
        using var document = await DescribeAsync(async (_, client) => JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")));
        var root = document.RootElement;
        var components = root.GetProperty("components").GetProperty("schemas");
        // A body that may be left out (AckInput?) is "one of null or the record".
        JsonElement Resolve(JsonElement schema) =>
            schema.TryGetProperty("$ref", out var reference) ? components.GetProperty(reference.GetString()!.Split('/')[^1])
            : new[] { "oneOf", "anyOf", "allOf" }.Select(k => schema.TryGetProperty(k, out var options) ? options : default)
                .Where(o => o.ValueKind == JsonValueKind.Array).SelectMany(o => o.EnumerateArray())
                .Where(o => o.TryGetProperty("$ref", out _) || o.TryGetProperty("properties", out _)).Select(Resolve).FirstOrDefault(schema);

        var bodies = 0;
        var problems = new List<string>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.TryGetProperty("requestBody", out _)))
            {
                bodies++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                foreach (var media in operation.Value.GetProperty("requestBody").GetProperty("content").EnumerateObject())
                {
                    if (!media.Value.TryGetProperty("example", out var example))
                    {
                        problems.Add($"{name} ({media.Name}) has no example");
                        continue;
                    }
                    if (example.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }
                    // Field by field, one level down too: a renamed field leaves its example behind.
                    var schema = Resolve(media.Value.GetProperty("schema"));
                    foreach (var field in example.EnumerateObject())
                    {
                        if (!schema.TryGetProperty("properties", out var properties) || !properties.TryGetProperty(field.Name, out var fieldSchema))
                        {
                            problems.Add($"{name}: the example's '{field.Name}' is not in its schema");
                        }
                        else if (field.Value.ValueKind == JsonValueKind.Object && Resolve(fieldSchema) is var inner && inner.TryGetProperty("properties", out var innerProperties))
                        {
                            problems.AddRange(field.Value.EnumerateObject().Where(f => !innerProperties.TryGetProperty(f.Name, out _))
                                .Select(f => $"{name}: the example's '{field.Name}.{f.Name}' is not in its schema"));
                        }
                    }
                }
            }
        }

        Assert.True(bodies >= 14, $"only {bodies} operations take a body: the check would prove little");
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    /// <summary>Maps the API as the app does (demo endpoints included) on an in-memory server, and asks <paramref name="read"/>.</summary>
    private static async Task<T> DescribeAsync<T>(Func<WebApplication, HttpClient, Task<T>> read)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthorization();
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddDashboardOpenApi();
        foreach (var service in HandlerServices)
        {
            builder.Services.AddScoped(service, _ => throw new NotSupportedException($"{service.Name} is a stand-in: the description test calls no handler."));
        }

        await using var app = builder.Build();
        app.MapApiV1();
        app.MapApiV1Group().MapDemoWorkload();
        app.MapOpenApi(OpenApiRegistration.DocumentPath);
        await app.StartAsync();
        try
        {
            using var client = app.GetTestClient();
            return await read(app, client);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
