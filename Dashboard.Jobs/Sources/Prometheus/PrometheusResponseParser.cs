using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dashboard.Jobs.Sources.Prometheus;

/// <summary>
/// Decodes the Prometheus HTTP API envelope (<c>/api/v1/query</c>, <c>/api/v1/query_range</c>) in one
/// forward pass with <see cref="Utf8JsonReader"/>: no DOM, no intermediate strings for sample values.
/// Values arrive as strings; "NaN", "+Inf" and "-Inf" become the matching doubles.
/// </summary>
public static class PrometheusResponseParser
{
    /// <summary>Parses a response body; throws <see cref="PrometheusQueryException"/> for <c>status: error</c> or a body that is not the API's JSON.</summary>
    /// <param name="json">The UTF-8 body.</param>
    /// <param name="url">The endpoint, named in errors.</param>
    public static PrometheusQueryResult Parse(ReadOnlySpan<byte> json, string url)
    {
        try
        {
            return ParseEnvelope(json, url);
        }
        catch (JsonException ex)
        {
            throw new PrometheusQueryException(PrometheusQueryException.BadResponse, $"the answer is not Prometheus API JSON: {ex.Message} Body starts: {Preview(json)}", url, null, ex);
        }
    }

    internal static string Preview(ReadOnlySpan<byte> body) =>
        Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]).ReplaceLineEndings(" ");

    private static PrometheusQueryResult ParseEnvelope(ReadOnlySpan<byte> json, string url)
    {
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartObject);
        string? status = null, errorType = null, error = null;
        var warnings = new List<string>();
        Data? data = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("status"u8))
            {
                status = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("errorType"u8))
            {
                errorType = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                error = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("warnings"u8) || reader.ValueTextEquals("infos"u8))
            {
                ReadStrings(ref reader, warnings);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                data = ReadData(ref reader);
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        if (status == "error")
        {
            throw new PrometheusQueryException(errorType ?? "unknown", error ?? "(no message)", url, warnings);
        }
        if (status != "success" || data is null)
        {
            throw new PrometheusQueryException(PrometheusQueryException.BadResponse,
                $"the answer has status '{status ?? "(none)"}' and {(data is null ? "no" : "a")} data object. Body starts: {Preview(json)}", url, warnings);
        }
        var type = data.Value.Type ?? throw new PrometheusQueryException(PrometheusQueryException.BadResponse, "the answer has no data.resultType", url, warnings);
        return new PrometheusQueryResult(type, data.Value.Series, warnings, data.Value.StringValue);
    }

    private readonly record struct Data(PrometheusResultType? Type, List<PrometheusSeries> Series, string? StringValue);

    private static Data ReadData(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        PrometheusResultType? type = null;
        var series = new List<PrometheusSeries>();
        string? stringValue = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("resultType"u8))
            {
                type = ReadString(ref reader) switch
                {
                    "vector" => PrometheusResultType.Vector,
                    "matrix" => PrometheusResultType.Matrix,
                    "scalar" => PrometheusResultType.Scalar,
                    "string" => PrometheusResultType.String,
                    var other => throw new JsonException($"unknown resultType '{other}'"),
                };
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray);
                // Vector and matrix: an array of series objects. Scalar and string: one [time, "value"] pair.
                var first = Next(ref reader);
                if (first == JsonTokenType.Number)
                {
                    var time = ToTime(reader.GetDouble());
                    Next(ref reader);
                    if (type == PrometheusResultType.String)
                    {
                        stringValue = reader.GetString();
                    }
                    else
                    {
                        series.Add(new PrometheusSeries(EmptyLabels, [new PrometheusSample(time, ParseValue(ref reader))]));
                    }
                    Expect(ref reader, JsonTokenType.EndArray);
                }
                else
                {
                    for (var token = first; token != JsonTokenType.EndArray; token = Next(ref reader))
                    {
                        if (token != JsonTokenType.StartObject)
                        {
                            throw new JsonException($"expected a series object in data.result, found {token}");
                        }
                        series.Add(ReadSeries(ref reader));
                    }
                }
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }
        return new Data(type, series, stringValue);
    }

    private static readonly Dictionary<string, string> EmptyLabels = [];

    private static PrometheusSeries ReadSeries(ref Utf8JsonReader reader)
    {
        Dictionary<string, string> labels = EmptyLabels;
        var samples = new List<PrometheusSample>();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("metric"u8))
            {
                Expect(ref reader, JsonTokenType.StartObject);
                labels = new Dictionary<string, string>(StringComparer.Ordinal);
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    labels[name] = ReadString(ref reader) ?? "";
                }
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray);
                samples.Add(ReadSampleBody(ref reader));
            }
            else if (reader.ValueTextEquals("values"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray);
                while (Next(ref reader) == JsonTokenType.StartArray)
                {
                    samples.Add(ReadSampleBody(ref reader));
                }
            }
            else
            {
                // Native histograms ("histogram"/"histograms") are not read: the catalog uses classic buckets.
                Next(ref reader);
                reader.Skip();
            }
        }
        return new PrometheusSeries(labels, samples);
    }

    /// <summary>Reads <c>time, "value"]</c> after the opening bracket.</summary>
    private static PrometheusSample ReadSampleBody(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.Number);
        var time = ToTime(reader.GetDouble());
        Expect(ref reader, JsonTokenType.String);
        var value = ParseValue(ref reader);
        Expect(ref reader, JsonTokenType.EndArray);
        return new PrometheusSample(time, value);
    }

    private static DateTimeOffset ToTime(double unixSeconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(unixSeconds * 1000));

    private static double ParseValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a sample value string, found {reader.TokenType}");
        }
        var text = reader.ValueSpan;
        if (text.SequenceEqual("NaN"u8))
        {
            return double.NaN;
        }
        if (text.SequenceEqual("+Inf"u8))
        {
            return double.PositiveInfinity;
        }
        if (text.SequenceEqual("-Inf"u8))
        {
            return double.NegativeInfinity;
        }
        if (reader.ValueIsEscaped || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new JsonException($"'{reader.GetString()}' is not a sample value");
        }
        return value;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        var token = Next(ref reader);
        return token switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"expected a string, found {token}"),
        };
    }

    private static void ReadStrings(ref Utf8JsonReader reader, List<string> into)
    {
        if (Next(ref reader) == JsonTokenType.Null)
        {
            return;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"expected an array of strings, found {reader.TokenType}");
        }
        while (Next(ref reader) == JsonTokenType.String)
        {
            into.Add(reader.GetString()!);
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the answer ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (Next(ref reader) != expected)
        {
            throw new JsonException($"expected {expected}, found {reader.TokenType}");
        }
    }
}
