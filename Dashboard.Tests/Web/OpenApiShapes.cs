using System.Text.Json;

namespace Dashboard.Tests.Web;

/// <summary>Reading an OpenAPI document's success answers: which are JSON, and whether each has a shape a client can be generated from.</summary>
internal static class OpenApiShapes
{
    /// <summary>Every JSON success of <paramref name="document"/> has a named shape (and there are enough for that to mean something).</summary>
    public static void AssertEveryJsonSuccessIsNamed(JsonElement document)
    {
        var json = JsonSuccesses(document).ToList();
        Assert.True(json.Count > 40, $"only {json.Count} JSON success responses found: the check would prove little");
        var open = json.Where(r => !IsNamedShape(r.Schema, document)).Select(r => r.Key).ToList();
        Assert.True(open.Count == 0, "JSON answered as an open object (answer a named type: TypedResults.Ok(new SomeRecord(...))): " + string.Join(", ", open));
    }

    /// <summary>Every 2xx response with JSON content, as "GET /api/v1/me 200" and its schema (null when it has none).</summary>
    public static IEnumerable<(string Key, JsonElement? Schema)> JsonSuccesses(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.TryGetProperty("responses", out var responses))
                {
                    continue;
                }
                foreach (var response in responses.EnumerateObject().Where(r => r.Name.StartsWith('2')))
                {
                    if (response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json))
                    {
                        yield return ($"{operation.Name.ToUpperInvariant()} {path.Name} {response.Name}",
                            json.TryGetProperty("schema", out var schema) ? schema : null);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="schema"/> names its shape: a reference to a component that does, an object with properties,
    /// an array of such, or a choice (oneOf) between such; not an open object (<c>{}</c>, <c>{"type":"object"}</c>).
    /// </summary>
    public static bool IsNamedShape(JsonElement? schema, JsonElement document) => IsNamedShape(schema, document, depth: 0);

    private static bool IsNamedShape(JsonElement? schema, JsonElement document, int depth)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } s || depth > 8)
        {
            return false;
        }
        if (s.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var schemas)
                && schemas.TryGetProperty(name, out var target) && IsNamedShape(target, document, depth + 1);
        }
        if (s.TryGetProperty("oneOf", out var oneOf))
        {
            return oneOf.GetArrayLength() > 0 && oneOf.EnumerateArray().All(choice => IsNamedShape(choice, document, depth + 1));
        }
        if (s.TryGetProperty("items", out var items))
        {
            return IsNamedShape(items, document, depth + 1);
        }
        return s.TryGetProperty("properties", out var properties) && properties.EnumerateObject().Any();
    }
}
