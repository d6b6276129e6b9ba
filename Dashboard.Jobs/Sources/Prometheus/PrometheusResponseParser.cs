using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dashboard.Jobs.Sources.Prometheus;

/// <summary>
/// Decodes the Prometheus HTTP API envelope (<c>/api/v1/query</c>, <c>/api/v1/query_range</c>, label values) in one
/// forward pass with <see cref="Utf8JsonReader"/>: no DOM, no intermediate strings for sample values.
/// Values arrive as strings; "NaN", "+Inf" and "-Inf" become the matching doubles.
/// </summary>
public static class PrometheusResponseParser
{
    /// <summary>Parses a query response body; throws <see cref="PrometheusQueryException"/> for <c>status: error</c> or a body that is not the API's JSON.</summary>
    /// <param name="json">The UTF-8 body.</param>
    /// <param name="url">The endpoint, named in errors.</param>
    public static PrometheusQueryResult Parse(ReadOnlySpan<byte> json, string url)
    {
        var (data, warnings) = ParseEnvelope(json, url, ReadData);
        var type = data.Type ?? throw new PrometheusQueryException(PrometheusQueryException.BadResponse, "the answer has no data.resultType", url, warnings);
        return new PrometheusQueryResult(type, data.Series, warnings, data.StringValue);
    }

    /// <summary>
    /// Parses a label-values response body (<c>/api/v1/label/&lt;name&gt;/values</c>: <c>data</c> is an array of
    /// strings); throws <see cref="PrometheusQueryException"/> like <see cref="Parse"/>.
    /// </summary>
    /// <param name="json">The UTF-8 body.</param>
    /// <param name="url">The endpoint, named in errors.</param>
    public static (IReadOnlyList<string> Values, IReadOnlyList<string> Warnings) ParseLabelValues(ReadOnlySpan<byte> json, string url) =>
        ParseEnvelope(json, url, ReadStringArray);

    internal static string Preview(ReadOnlySpan<byte> body) =>
        Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]).ReplaceLineEndings(" ");

    private delegate T DataReader<T>(ref Utf8JsonReader reader);

    /// <summary>The envelope every API answer shares: status, errorType, error, warnings (and infos), and a data member read by <paramref name="readData"/>.</summary>
    private static (T Data, IReadOnlyList<string> Warnings) ParseEnvelope<T>(ReadOnlySpan<byte> json, string url, DataReader<T> readData)
    {
        try
        {
            return ReadEnvelope(json, url, readData);
        }
        catch (JsonException ex)
        {
            throw new PrometheusQueryException(PrometheusQueryException.BadResponse, $"the answer is not Prometheus API JSON: {ex.Message} Body starts: {Preview(json)}", url, null, ex);
        }
    }

    private static (T Data, IReadOnlyList<string> Warnings) ReadEnvelope<T>(ReadOnlySpan<byte> json, string url, DataReader<T> readData)
    {
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartObject);
        string? status = null, errorType = null, error = null;
        var warnings = new List<string>();
        var data = default(T);
        var hasData = false;
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
                data = readData(ref reader);
                hasData = true;
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
        if (status != "success" || !hasData)
        {
            throw new PrometheusQueryException(PrometheusQueryException.BadResponse,
                $"the answer has status '{status ?? "(none)"}' and {(hasData ? "a" : "no")} data member. Body starts: {Preview(json)}", url, warnings);
        }
        return (data!, warnings);
    }

    private static List<string> ReadStringArray(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var values = new List<string>();
        for (var token = Next(ref reader); token != JsonTokenType.EndArray; token = Next(ref reader))
        {
            values.Add(token == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"expected a string in data, found {token}"));
        }
        return values;
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
