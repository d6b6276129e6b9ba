using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Api;

/// <summary>How the API writes JSON, on top of the web defaults (camelCase): one place, for the host and for the tests that pin the answers' shapes.</summary>
internal static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // "Critical", not 2: the API is read by people and scripts.
        options.Converters.Add(new JsonStringEnumConverter());
        // A model without an interval gives NaN edges; they are written as "NaN", never as a failed response.
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
    }
}
