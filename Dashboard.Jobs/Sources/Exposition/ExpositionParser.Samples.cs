using System.Globalization;
using static Dashboard.Jobs.Sources.Exposition.ExpositionSyntax;

namespace Dashboard.Jobs.Sources.Exposition;

// Sample lines: name, value, timestamp, exemplar, and the family a sample belongs to.
public sealed partial class ExpositionParser
{
    private void ParseSample(ReadOnlySpan<byte> text, int line)
    {
        var nameLength = MetricNameLength(text);
        if (nameLength == 0)
        {
            Problem(line, $"expected a metric name, found '{Show(text)}'");
            return;
        }
        if (nameLength > MaxNameBytes)
        {
            Problem(line, $"metric name is longer than {MaxNameBytes} bytes");
            return;
        }
        var name = text[..nameLength];
        var i = nameLength;
        sampleLabelStart = labelCount;
        if (i < text.Length && text[i] == (byte)'{' && !ParseLabels(text, ref i, line, name))
        {
            labelCount = sampleLabelStart;
            return;
        }
        if (labelCount - sampleLabelStart > limits.MaxLabelsPerSample)
        {
            Problem(line, $"{labelCount - sampleLabelStart} labels on {Show(name)}, over the limit of {limits.MaxLabelsPerSample}");
            labelCount = sampleLabelStart;
            return;
        }
        if (!SampleTail(text, i, line, out var value, out var timestamp) || !AddSample(name, value, timestamp, line))
        {
            labelCount = sampleLabelStart;
        }
    }

    private bool SampleTail(ReadOnlySpan<byte> text, int i, int line, out double value, out DateTimeOffset? timestamp)
    {
        value = 0;
        timestamp = null;
        if (!Separator(text, ref i))
        {
            Problem(line, i >= text.Length ? "sample has no value" : $"expected a space before the value, found '{Show(text[i..])}'");
            return false;
        }
        var valueToken = Token(text, ref i);
        if (!TryParseNumber(valueToken, out value))
        {
            Problem(line, $"invalid value '{Show(valueToken)}'");
            return false;
        }
        if (i >= text.Length)
        {
            return true;
        }
        if (!Separator(text, ref i))
        {
            Problem(line, $"unexpected '{Show(text[i..])}' after the value");
            return false;
        }
        if (i >= text.Length)
        {
            if (Strict)
            {
                Problem(line, "trailing space after the value");
                return false;
            }
            return true;
        }
        if (Strict && text[i] == (byte)'#')
        {
            return Exemplar(text[i..], line);
        }
        var tsToken = Token(text, ref i);
        if (!TryParseTimestamp(tsToken, out timestamp))
        {
            Problem(line, Strict
                ? $"invalid timestamp '{Show(tsToken)}' (OpenMetrics timestamps are seconds, e.g. 1700000000.123)"
                : $"invalid timestamp '{Show(tsToken)}' (text format timestamps are integer milliseconds)");
            return false;
        }
        if (i >= text.Length)
        {
            return true;
        }
        if (!Strict)
        {
            if (text[i..].TrimStart(" \t"u8).IsEmpty)
            {
                return true;
            }
            Problem(line, $"unexpected '{Show(text[i..].TrimStart(" \t"u8))}' after the timestamp");
            return false;
        }
        if (text[i] == (byte)' ' && i + 1 < text.Length && text[i + 1] == (byte)'#')
        {
            return Exemplar(text[(i + 1)..], line);
        }
        Problem(line, $"unexpected '{Show(text[i..])}' after the timestamp");
        return false;
    }

    /// <summary>Exemplars are skipped, but only when they are shaped like one.</summary>
    private bool Exemplar(ReadOnlySpan<byte> text, int line)
    {
        if (text.StartsWith("# {"u8) && text.IndexOf((byte)'}') > 0)
        {
            return true;
        }
        Problem(line, $"malformed exemplar '{Show(text)}' (expected '# {{labels}} value')");
        return false;
    }

    private bool Separator(ReadOnlySpan<byte> text, ref int i)
    {
        if (i >= text.Length || (text[i] != (byte)' ' && (Strict || text[i] != (byte)'\t')))
        {
            return false;
        }
        if (Strict)
        {
            i++;
            return true;
        }
        while (i < text.Length && (text[i] == (byte)' ' || text[i] == (byte)'\t'))
        {
            i++;
        }
        return true;
    }

    private static ReadOnlySpan<byte> Token(ReadOnlySpan<byte> text, ref int i)
    {
        var rest = text[i..];
        var end = rest.IndexOfAny(" \t"u8);
        if (end < 0)
        {
            end = rest.Length;
        }
        i += end;
        return rest[..end];
    }


    private bool AddSample(ReadOnlySpan<byte> name, double value, DateTimeOffset? timestamp, int line)
    {
        var sampleLabels = new ReadOnlyMemory<Label>(labels, sampleLabelStart, labelCount - sampleLabelStart);

        if (famName is null || !Belongs(name))
        {
            if (famName is not null && famHasType && sampleCount == famSampleStart && IsFamilySuffixOf(name))
            {
                Problem(line, $"sample {Show(name)} does not fit the {TypeName(famType)} family {famName} declared on line {famLine} (expected {Expected()})");
                return false;
            }
            if (!StartFamily(name, line))
            {
                return false;
            }
        }
        var nameString = famNameLength == name.Length ? famName! : pool.Get(name);

        if (!CheckSpecialLabels(name, sampleLabels.Span, line))
        {
            return false;
        }

        var key = new SeriesKey(nameString, sampleLabels);
        if (!seriesLines.TryAdd(key, line))
        {
            Problem(line, $"duplicate series {Describe(nameString, sampleLabels.Span)} (first on line {seriesLines[key]})");
            return false;
        }

        if (totalSamples >= limits.MaxSamples)
        {
            Problem(line, $"more than {limits.MaxSamples} samples, over the limit");
            stopped = true;
            return false;
        }
        if (sampleCount == samples.Length)
        {
            Array.Resize(ref samples, samples.Length * 2);
        }
        samples[sampleCount++] = new Sample(nameString, sampleLabels, value, timestamp, line);
        totalSamples++;
        return true;
    }


    private bool Belongs(ReadOnlySpan<byte> name)
    {
        var family = famNameBytes.AsSpan(0, famNameLength);
        if (!name.StartsWith(family))
        {
            return false;
        }
        var suffix = name[family.Length..];
        return (Strict, famType) switch
        {
            (false, MetricType.Histogram) => suffix.SequenceEqual("_bucket"u8) || suffix.SequenceEqual("_sum"u8) || suffix.SequenceEqual("_count"u8),
            (false, MetricType.Summary) => suffix.IsEmpty || suffix.SequenceEqual("_sum"u8) || suffix.SequenceEqual("_count"u8),
            (false, _) => suffix.IsEmpty,
            (true, MetricType.Counter) => suffix.SequenceEqual("_total"u8) || suffix.SequenceEqual("_created"u8),
            (true, MetricType.Histogram) => suffix.SequenceEqual("_bucket"u8) || suffix.SequenceEqual("_sum"u8) || suffix.SequenceEqual("_count"u8) || suffix.SequenceEqual("_created"u8),
            (true, MetricType.GaugeHistogram) => suffix.SequenceEqual("_bucket"u8) || suffix.SequenceEqual("_gsum"u8) || suffix.SequenceEqual("_gcount"u8),
            (true, MetricType.Summary) => suffix.IsEmpty || suffix.SequenceEqual("_sum"u8) || suffix.SequenceEqual("_count"u8) || suffix.SequenceEqual("_created"u8),
            (true, MetricType.Info) => suffix.SequenceEqual("_info"u8),
            (true, _) => suffix.IsEmpty,
        };
    }

    private bool IsFamilySuffixOf(ReadOnlySpan<byte> name)
    {
        var family = famNameBytes.AsSpan(0, famNameLength);
        if (!name.StartsWith(family))
        {
            return false;
        }
        var suffix = name[family.Length..];
        return suffix.IsEmpty || suffix.SequenceEqual("_total"u8) || suffix.SequenceEqual("_created"u8) || suffix.SequenceEqual("_bucket"u8)
            || suffix.SequenceEqual("_sum"u8) || suffix.SequenceEqual("_count"u8) || suffix.SequenceEqual("_gsum"u8)
            || suffix.SequenceEqual("_gcount"u8) || suffix.SequenceEqual("_info"u8);
    }

    private string Expected()
    {
        var n = famName;
        return (Strict, famType) switch
        {
            (false, MetricType.Histogram) => $"{n}_bucket, {n}_sum or {n}_count",
            (false, MetricType.Summary) => $"{n}, {n}_sum or {n}_count",
            (true, MetricType.Counter) => $"{n}_total or {n}_created",
            (true, MetricType.Histogram) => $"{n}_bucket, {n}_sum, {n}_count or {n}_created",
            (true, MetricType.GaugeHistogram) => $"{n}_bucket, {n}_gsum or {n}_gcount",
            (true, MetricType.Summary) => $"{n}, {n}_sum, {n}_count or {n}_created",
            (true, MetricType.Info) => $"{n}_info",
            _ => n!,
        };
    }

    private string TypeName(MetricType type) => type switch
    {
        MetricType.Unknown => Strict ? "unknown" : "untyped",
        MetricType.GaugeHistogram => "gaugehistogram",
        MetricType.StateSet => "stateset",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static readonly long MinUnixMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private bool TryParseTimestamp(ReadOnlySpan<byte> s, out DateTimeOffset? timestamp)
    {
        timestamp = null;
        if (!Strict)
        {
            if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) || ms < MinUnixMs || ms > MaxUnixMs)
            {
                return false;
            }
            timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }
        if (!TryParseNumber(s, out var seconds) || !double.IsFinite(seconds))
        {
            return false;
        }
        var ms2 = seconds * 1000;
        if (ms2 < MinUnixMs || ms2 > MaxUnixMs)
        {
            return false;
        }
        timestamp = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }
}
