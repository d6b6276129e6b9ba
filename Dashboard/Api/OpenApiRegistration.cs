using Dashboard.Auth;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Dashboard.Api;

/// <summary>
/// The API described for programs (issue 16): an OpenAPI document at <c>/openapi/v1.json</c> for signed-in users and
/// token holders, listing every <c>/api/v1</c> endpoint, tagged by its area (the path segment after <c>/api/v1</c>),
/// with the bearer-token scheme the API takes.
/// </summary>
internal static class OpenApiRegistration
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    /// <summary>The API reference page (Scalar) for signed-in users, served from the package itself (no CDN).</summary>
    public const string ReferencePath = "/reference/v1";

    public static IServiceCollection AddDashboardOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.OrdinalIgnoreCase) == true;
            o.AddOperationTransformer(AlternativeResponses.DescribeAsync);
            o.AddOperationTransformer(ApiRequestExamples.DescribeAsync);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Dashboard API";
                document.Info.Version = "v1";
                document.Info.Description =
                    "Capacity, saturation and what it costs. Every endpoint needs a signed-in user or an API token " +
                    "(`Authorization: Bearer <token>`, made on the Settings page) with a role that may see it; refusals " +
                    "are problem+json (401 not signed in, 403 role, 429 rate limit with Retry-After).";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API token of a dashboard user; the token's user's roles apply.",
                };
                // Every operation takes the token (or the browser's session cookie): one requirement for the whole document.
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
                return Task.CompletedTask;
            });
        });

    /// <summary>Tags every <c>/api/v1</c> endpoint of <paramref name="group"/> with its area, unless it names its own.</summary>
    public static TBuilder TaggedByArea<TBuilder>(this TBuilder group)
        where TBuilder : IEndpointConventionBuilder
    {
        group.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && AreaOf(route.RoutePattern.RawText) is { } area
                && !endpoint.Metadata.OfType<ITagsMetadata>().Any())
            {
                endpoint.Metadata.Add(new TagsAttribute(area));
            }
        });
        return group;
    }

    /// <summary>The document, for signed-in users and token holders of any role.</summary>
    public static IEndpointRouteBuilder MapDashboardOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).RequireAuthorization(Policies.Overview);
        // Every request and response the document describes, with generated examples (curl and others) per operation.
        // Fonts, telemetry and the hosted AI features would call out to Scalar's servers: all off.
        app.MapScalarApiReference("/reference", o => o
                .WithTitle("Dashboard API reference")
                .WithOpenApiRoutePattern(DocumentPath)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .AddPreferredSecuritySchemes("Bearer")
                .HideDeveloperTools()
                .WithNonce())
            .RequireAuthorization(Policies.Overview);
        return app;
    }

    /// <summary>"forecasts" for "/api/v1/forecasts/export.csv"; null outside the API.</summary>
    public static string? AreaOf(string? pattern)
    {
        const string prefix = "/api/v1/";
        if (pattern is null || !pattern.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = pattern[prefix.Length..];
        var end = rest.IndexOfAny(['/', '?', '.']);
        var area = end < 0 ? rest : rest[..end];
        return area.Length == 0 || area.StartsWith('{') ? null : area;
    }
}
