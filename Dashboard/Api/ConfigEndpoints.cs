using System.Security.Claims;
using System.Text;
using Dashboard.Auth;
using Dashboard.Services.Config;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Api;

/// <summary>
/// Configuration as code under /api/v1/config (owner and engineer; docs/decisions/024-configuration-as-code.md):
/// export the resources, SLO, business profile and sources as one YAML document, and import one all or nothing,
/// with every problem named by line and field.
/// </summary>
internal static class ConfigEndpoints
{
    /// <summary>The largest document accepted (a deployment's configuration is a few kilobytes).</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    private static readonly string[] YamlMediaTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEndpointRouteBuilder MapConfigApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/config").RequireAuthorization(Policies.Settings).WithTags("Configuration");

        api.MapGet("/export", ExportAsync)
            .WithName("ExportConfig")
            .WithSummary("The resources, SLO, business profile and sources as one YAML document (secrets never; revenue for owners only).");

        api.MapPost("/import", ImportAsync)
            .WithName("ImportConfig")
            .WithSummary("Applies a YAML document all or nothing; ?dryRun=true reports what would change without saving.")
            .RequireRateLimiting(RateLimitRegistration.Queries);

        return app;
    }

    public static async Task<FileContentHttpResult> ExportAsync(ClaimsPrincipal user, ConfigExporter exporter, CancellationToken ct)
    {
        var text = await exporter.ExportAsync(ConfigActor.Of(user), ct);
        return TypedResults.File(StrictUtf8.GetBytes(text), "application/yaml", ConfigExporter.FileName);
    }

    public static async Task<Results<Ok<ConfigImportSummary>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, bool? dryRun, ClaimsPrincipal user, ConfigImporter importer, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !YamlMediaTypes.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                $"Send the document as {string.Join(", ", YamlMediaTypes)}; the request's content type was '{request.ContentType}'.",
                title: "Unsupported content type.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        var body = await ReadBoundedAsync(request, ct);
        if (body is null)
        {
            return TypedResults.Problem($"The document is larger than {MaxDocumentBytes / 1024} KiB.",
                title: "Document too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(body).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["document"] = [$"The document is not UTF-8 text (byte {ex.Index})."] },
                title: "The configuration document is invalid; nothing was changed.");
        }

        var result = await importer.ImportAsync(text, ConfigActor.Of(user), dryRun ?? false, ct);
        if (result.Summary is { } summary)
        {
            return TypedResults.Ok(summary);
        }
        var errors = result.Errors
            .GroupBy(p => p.Field.Length == 0 ? "document" : p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.ToString()).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(errors,
            title: $"The configuration document has {result.Errors.Count} problem(s); nothing was changed.",
            extensions: new Dictionary<string, object?>
            {
                ["problems"] = result.Errors.Select(p => new { p.Line, p.Column, p.Field, p.Message }).ToList(),
            });
    }

    /// <summary>The body, or null when it is over <see cref="MaxDocumentBytes"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxDocumentBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxDocumentBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
