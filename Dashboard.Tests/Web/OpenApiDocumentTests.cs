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
        using var document = await ReadDocumentAsync();
        var documented = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var untagged = new List<string>();
        var undescribed = new List<string>();
        var names = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var key = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                documented.Add(key);
                var op = operation.Value;
                if (!op.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
                {
                    untagged.Add(key);
                }

                // A name, a summary, a success response, and the refusals every endpoint can give.
                var responses = op.GetProperty("responses");
                var success = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
                var lacks = new List<string>();
                if (!op.TryGetProperty("operationId", out var id) || string.IsNullOrWhiteSpace(id.GetString()))
                {
                    lacks.Add("operationId");
                }
                else
                {
                    names.Add(id.GetString()!);
                }

                if (!op.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                {
                    lacks.Add("summary");
                }

                if (success.Count == 0)
                {
                    lacks.Add("a 2xx response");
                }

                lacks.AddRange(new[] { "401", "403", "429" }.Where(code => !responses.TryGetProperty(code, out _)).Select(code => $"a {code} response"));
                if (lacks.Count > 0)
                {
                    undescribed.Add($"{key} lacks {string.Join(", ", lacks)}");
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
        Assert.True(undescribed.Count == 0, "add a row to Dashboard/Api/ApiOperations.cs: " + string.Join("; ", undescribed));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        // A typed answer is described with its schema (what a client generator and the reference's example use).
        var forecast = document.RootElement.GetProperty("paths").GetProperty("/api/v1/forecasts/{metric}").GetProperty("get").GetProperty("responses");
        Assert.True(forecast.GetProperty("200").GetProperty("content").TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out _));
        Assert.Equal("application/problem+json", forecast.GetProperty("404").GetProperty("content").EnumerateObject().Single().Name);
        Assert.Equal("Dashboard API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.DoesNotContain(documented, d => d.Contains("/account/", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Document_EveryJsonSuccess_IsANamedShape_SeveralShapesAsOneOf()
    {
        using var document = await ReadDocumentAsync();

        // A client generator (and the reference's examples) gets a shape for every JSON answer, never an open object.
        OpenApiShapes.AssertEveryJsonSuccessIsNamed(document.RootElement);
        // A status answered with two shapes lists both.
        var eta = document.RootElement.GetProperty("paths").GetProperty("/api/v1/stage/eta").GetProperty("get").GetProperty("responses")
            .GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(["#/components/schemas/NoStageEta", "#/components/schemas/StageEta"],
            eta.GetProperty("oneOf").EnumerateArray().Select(s => s.GetProperty("$ref").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reference_SignedIn_ServesThePageAndItsScriptLocally_AnonymousIsRefused()
    {
        using var client = app.CreateRawClient(app.For("pm").Token);

        var page = await client.GetAsync(OpenApiRegistration.ReferencePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Dashboard API reference", html, StringComparison.Ordinal);
        Assert.True(html.Contains("openapi/v1.json", StringComparison.Ordinal) || html.Contains("openapi\\/v1.json", StringComparison.Ordinal), html);
        // The script comes from the app itself: no CDN on a machine without internet.
        var script = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).FirstOrDefault(src => src.Contains("scalar", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(script);
        Assert.False(Uri.TryCreate(script, UriKind.Absolute, out var absolute) && absolute.Host != "localhost", $"the reference loads {script} from elsewhere");
        var js = await client.GetAsync(new Uri(new Uri("http://localhost" + OpenApiRegistration.ReferencePath), script).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);

        using var anonymous = app.CreateRawClient();
        var refused = await anonymous.GetAsync(OpenApiRegistration.ReferencePath);
        Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect or HttpStatusCode.Found, $"anonymous got {refused.StatusCode}");
    }

    [Fact]
    public async Task Document_Anonymous_Unauthorized()
    {
        using var client = app.CreateRawClient();

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonDocument> ReadDocumentAsync()
    {
        using var client = app.CreateRawClient(app.For("designer").Token);
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/forecasts/export.csv", "forecasts")]
    [InlineData("/api/v1/business/summary", "business")]
    [InlineData("/api/v1/me", "me")]
    [InlineData("/api/v1/{id}", null)]
    [InlineData("/account/login", null)]
    public void AreaOf_Pattern_FirstSegmentAfterTheVersion(string pattern, string? area) =>
        Assert.Equal(area, OpenApiRegistration.AreaOf(pattern));

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();

    // "{id:guid}" and "{name:regex(...)}" as OpenAPI writes them: "{id}" (and a group's own "" route without its slash).
    [GeneratedRegex(@":[^}]+}")]
    private static partial Regex Constraint();
}
