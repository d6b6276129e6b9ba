using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Api;

/// <summary>
/// A handler that answers one status with different shapes (<c>Results&lt;Ok&lt;StageEta&gt;, Ok&lt;NoStageEta&gt;&gt;</c>)
/// is described with all of them (<c>oneOf</c>): the API explorer keeps one type per status, the last one declared,
/// which would leave the others undocumented.
/// </summary>
internal static class AlternativeResponses
{
    private const string Json = "application/json";

    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var byStatus = context.Description.ActionDescriptor.EndpointMetadata
            .OfType<IProducesResponseTypeMetadata>()
            .Where(p => p.Type is { } type && type != typeof(void) && type != typeof(object) && p.ContentTypes.Contains(Json))
            .GroupBy(p => p.StatusCode);
        foreach (var shapes in byStatus)
        {
            var types = shapes.Select(p => p.Type!).Distinct().ToList();
            if (types.Count < 2 || context.Document is not { } document || operation.Responses is not { } responses
                || !responses.TryGetValue(shapes.Key.ToString(CultureInfo.InvariantCulture), out var response)
                || response.Content is not { } content || !content.TryGetValue(Json, out var media))
            {
                continue;
            }

            var oneOf = new List<IOpenApiSchema>();
            foreach (var type in types)
            {
                var schema = await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken);
                // The id the generator gives the type's component, so that a shape used elsewhere too is one component.
                var id = schema.Metadata is { } metadata && metadata.TryGetValue("x-schema-id", out var named) && named is string name ? name : type.Name;
                if (document.Components?.Schemas?.ContainsKey(id) != true)
                {
                    document.AddComponent(id, schema);
                }
                oneOf.Add(new OpenApiSchemaReference(id, document));
            }
            media.Schema = new OpenApiSchema { OneOf = oneOf };
        }
    }
}
