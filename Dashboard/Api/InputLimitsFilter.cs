using System.Collections;
using System.Reflection;
using System.Text.Json;
using Dashboard.Domain.Security;

namespace Dashboard.Api;

/// <summary>
/// The general input limits on every API endpoint's bound arguments (route and query values, JSON bodies), before the
/// handler runs (docs/decisions/026-input-limits-and-source-secrets.md): text of bounded length without control
/// characters (line breaks only in multi-line fields: notes, reasons, queries), finite numbers of a sane size, lists of
/// bounded length. A breach is a 400 problem+json naming the field by its JSON path; a value is never echoed (it may
/// be a secret). Field rules of their own (a column's size, a range) are checked by the services on top.
/// </summary>
internal sealed class InputLimitsFilter : IEndpointFilter
{
    private const int MaxDepth = 8;
    private const int MaxItems = 10_000;

    private static readonly string[] MultiLineSuffixes = ["note", "reason", "query", "promql", "description", "comment", "text", "yaml", "summary"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var metadata = context.HttpContext.GetEndpoint()?.Metadata;
        var parameters = metadata?.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
        var body = metadata?.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < context.Arguments.Count && i < parameters.Length; i++)
        {
            // Route and query values, and the JSON body; never services (their state is no input).
            var type = parameters[i].ParameterType;
            if (IsSimple(type))
            {
                Check(context.Arguments[i], JsonNamingPolicy.CamelCase.ConvertName(parameters[i].Name ?? ""), errors, 0, multiLine: false);
            }
            else if (body is not null && (Nullable.GetUnderlyingType(type) ?? type) == body)
            {
                Check(context.Arguments[i], "", errors, 0, multiLine: false);
            }
        }
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors, title: "Some fields break the input limits; nothing was done.")
            : await next(context);
    }

    private static void Check(object? value, string field, Dictionary<string, string[]> errors, int depth, bool multiLine)
    {
        if (value is null || depth > MaxDepth || errors.Count >= 20)
        {
            return;
        }
        var name = field.Length == 0 ? "body" : field;
        switch (value)
        {
            case string text:
                Add(errors, name, InputLimits.CheckText(name, text, InputLimits.TextLength, multiLine));
                return;
            case double d:
                Add(errors, name, InputLimits.CheckNumber(name, d));
                return;
            case float f:
                Add(errors, name, InputLimits.CheckNumber(name, f));
                return;
            case decimal m:
                Add(errors, name, InputLimits.CheckNumber(name, (double)m));
                return;
            case JsonElement json:
                CheckJson(json, field, errors, depth, multiLine);
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = entry.Key.ToString() ?? "";
                    Add(errors, name, InputLimits.CheckText(name + " key", key, 256));
                    Check(entry.Value, Join(field, key), errors, depth + 1, multiLine || IsMultiLine(key));
                }
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    if (index == MaxItems)
                    {
                        Add(errors, name, $"{name} has more than {MaxItems:N0} items.");
                        return;
                    }
                    Check(item, $"{name}[{index++}]", errors, depth + 1, multiLine);
                }
                return;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("Dashboard", StringComparison.Ordinal) != true)
        {
            return; // ints, bools, enums, dates, Guids and framework types carry no free text
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.CanRead)
            {
                var child = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                Check(property.GetValue(value), Join(field, child), errors, depth + 1, IsMultiLine(property.Name));
            }
        }
    }

    private static void CheckJson(JsonElement json, string field, Dictionary<string, string[]> errors, int depth, bool multiLine)
    {
        var name = field.Length == 0 ? "body" : field;
        if (depth > MaxDepth)
        {
            return;
        }
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                Add(errors, name, InputLimits.CheckText(name, json.GetString() ?? "", InputLimits.TextLength, multiLine));
                break;
            case JsonValueKind.Number:
                Add(errors, name, json.TryGetDouble(out var d) ? InputLimits.CheckNumber(name, d) : $"{name} must be a number.");
                break;
            case JsonValueKind.Object:
                foreach (var property in json.EnumerateObject())
                {
                    CheckJson(property.Value, Join(field, property.Name), errors, depth + 1, IsMultiLine(property.Name));
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in json.EnumerateArray())
                {
                    CheckJson(item, $"{name}[{index++}]", errors, depth + 1, multiLine);
                }
                break;
        }
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid) || t == typeof(DateTimeOffset) || t == typeof(DateTime);
    }

    private static bool IsMultiLine(string name) =>
        MultiLineSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    private static string Join(string parent, string child) => parent.Length == 0 ? child : $"{parent}.{child}";

    private static void Add(Dictionary<string, string[]> errors, string field, string? message)
    {
        if (message is not null)
        {
            errors[field] = errors.TryGetValue(field, out var list) ? [.. list, message] : [message];
        }
    }
}
