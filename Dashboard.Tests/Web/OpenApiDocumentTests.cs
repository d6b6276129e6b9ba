using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>The API described for programs (issue 16, item 7): every mapped /api/v1 endpoint is in the document, tagged.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed partial class OpenApiDocumentTests(DashboardAppFactory app)
{
    [Fact]
    public async Task Document_ListsEveryMappedApiEndpoint_EachTagged()
    {
        using var client = app.CreateRawClient(app.For("designer").Token);

        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var documented = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var untagged = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var key = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                documented.Add(key);
                if (!operation.Value.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
                {
                    untagged.Add(key);
                }
            }
        }

        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => $"{m} {Constraint().Replace(e.RoutePattern.RawText!, "}").TrimEnd('/')}"))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.True(mapped.Count > 40, $"only {mapped.Count} API endpoints found: the check would prove little");
        var missing = mapped.Except(documented).Order().ToList();
        Assert.True(missing.Count == 0, "not in /openapi/v1.json: " + string.Join(", ", missing));
        Assert.Empty(untagged);
        Assert.Equal("Dashboard API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.DoesNotContain(documented, d => d.Contains("/account/", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Document_Anonymous_Unauthorized()
    {
        using var client = app.CreateRawClient();

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/forecasts/export.csv", "forecasts")]
    [InlineData("/api/v1/business/summary", "business")]
    [InlineData("/api/v1/me", "me")]
    [InlineData("/api/v1/{id}", null)]
    [InlineData("/account/login", null)]
    public void AreaOf_Pattern_FirstSegmentAfterTheVersion(string pattern, string? area) =>
        Assert.Equal(area, OpenApiRegistration.AreaOf(pattern));

    // "{id:guid}" and "{name:regex(...)}" as OpenAPI writes them: "{id}" (and a group's own "" route without its slash).
    [GeneratedRegex(@":[^}]+}")]
    private static partial Regex Constraint();
}
