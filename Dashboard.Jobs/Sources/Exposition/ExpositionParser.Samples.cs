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
            Problem(line, text.StartsWith("{\""u8)
                ? $"{QuotedNamesUnsupported}, found '{Show(text)}'"
                : $"expected a metric name, found '{Show(text)}'");
            return;
        }
        var name = text[..nameLength];
        var i = nameLength;
        sampleLabelStart = labelCount;
        SkipBlanks(text, ref i); // The text format allows blanks between the name and '{'.
        if (i < text.Length && text[i] == (byte)'{')
        {
            if (!ParseLabels(text, ref i, line, name))
            {
                labelCount = sampleLabelStart;
                return;
            }
        }
        else
        {
            i = nameLength;
        }
        var labelsOnSample = labelCount - sampleLabelStart;
        if (labelsOnSample > thresholds.LabelsPerSample)
        {
            Warn(line, $"{labelsOnSample} labels on {Show(name)}, more than {thresholds.LabelsPerSample} (Prometheus takes them unless label_limit is set)");
        }
        if (!SampleTail(text, i, line, out var value, out var timestamp) || !AddSample(name, value, timestamp, line))
        {
            labelCount = sampleLabelStart;
        }
    }

    /// <summary>Value, timestamp and exemplar; false when the sample is refused or dropped.</summary>
    private bool SampleTail(ReadOnlySpan<byte> text, int i, int line, out double value, out DateTimeOffset? timestamp)
    {
        value = 0;
        timestamp = null;
        if (!ValueSeparator(text, ref i))
        {
            Problem(line, i >= text.Length ? "sample has no value" : $"expected a space before the value, found '{Show(text[i..])}'");
            return false;
        }
        var valueToken = Token(text, ref i);
        if (!TryParseNumber(valueToken, out value))
        {
            Problem(line, valueToken.IsEmpty && !Strict
                ? $"sample has no value, found '{Show(text[i..])}'"
                : $"invalid value '{Show(valueToken)}'{(IsFloatOverflow(valueToken) ? " (out of the range of a 64-bit float)" : "")}");
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
        var known = ParseTimestamp(tsToken, out timestamp);
        if (known is TimestampReading.Invalid)
        {
            Problem(line, Strict
                ? $"invalid timestamp '{Show(tsToken)}' (OpenMetrics timestamps are seconds, e.g. 1700000000.123)"
                : $"invalid timestamp '{Show(tsToken)}' (text format timestamps are integer milliseconds)");
            return false;
        }
        if (!TimestampTail(text, i, line))
        {
            return false;
        }
        if (known is TimestampReading.OutOfRange)
        {
            Warn(line, $"timestamp {Show(tsToken)} is outside the years 1 to 9999 this dashboard can store; the sample is dropped");
            return false;
        }
        return true;
    }

    private bool TimestampTail(ReadOnlySpan<byte> text, int i, int line)
    {
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

    /// <summary>Exemplars are not kept, but refused unless shaped as Prometheus reads one: "# {labels} value [timestamp]".</summary>
    private bool Exemplar(ReadOnlySpan<byte> text, int line)
    {
        if (text.StartsWith("# {"u8) && IsExemplarShape(text[3..]))
        {
            return true;
        }
        Problem(line, $"malformed exemplar '{Show(text)}' (expected '# {{labels}} value [timestamp]')");
        return false;
    }

    private static bool IsExemplarShape(ReadOnlySpan<byte> s)
    {
        var i = 0;
        var quoted = false;
        for (; i < s.Length && (quoted || s[i] != (byte)'}'); i++)
        {
            if (quoted && s[i] == (byte)'\\')
            {
                i++;
            }
            else if (s[i] == (byte)'"')
            {
                quoted = !quoted;
            }
        }
        if (i + 1 >= s.Length || s[i + 1] != (byte)' ')
        {
            return false;
        }
        var rest = s[(i + 2)..];
        var blank = rest.IndexOf((byte)' ');
        return blank < 0
            ? TryParseNumber(rest, out _)
            : TryParseNumber(rest[..blank], out _) && TryParseNumber(rest[(blank + 1)..], out var ts) && double.IsFinite(ts);
    }

    /// <summary>
    /// OpenMetrics: one space. The text format: blanks, or none where the value cannot run into
    /// what precedes it (after '}', or a name followed by a sign), as Prometheus' lexer reads it.
    /// </summary>
    private bool ValueSeparator(ReadOnlySpan<byte> text, ref int i)
    {
        if (Strict)
        {
            return Separator(text, ref i);
        }
        SkipBlanks(text, ref i);
        return i < text.Length;
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
        SkipBlanks(text, ref i);
        return true;
    }

    /// <summary>Up to the next blank; in the text format also up to a '{', which ends a value there.</summary>
    private ReadOnlySpan<byte> Token(ReadOnlySpan<byte> text, ref int i)
    {
        var rest = text[i..];
        var end = Strict ? rest.IndexOf((byte)' ') : rest.IndexOfAny(" \t{"u8);
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
            if (famName is not null && PrometheusFilesUnderFamily(name))
            {
                if (!famFitWarned)
                {
                    Warn(line, $"sample {Show(name)} does not fit the {TypeName(famType)} family {famName} declared on line {famLine} (expected {Expected()}); kept in it, as Prometheus does");
                    famFitWarned = true;
                }
            }
            else
            {
                if (famName is not null && famHasType && sampleCount == famSampleStart && IsFamilySuffixOf(name))
                {
                    Warn(line, $"sample {Show(name)} does not fit the {TypeName(famType)} family {famName} declared on line {famLine} (expected {Expected()}); read as a family of its own");
                }
                StartFamily(name, line, warnIfSeen: true);
            }
        }
        var nameString = famNameLength == name.Length ? famName! : pool.Get(name);

        CheckSpecialLabels(name, sampleLabels.Span, line);

        var key = new SeriesKey(nameString, sampleLabels);
        if (!seriesLines.TryAdd(key, line))
        {
            Warn(line, $"duplicate series {Describe(nameString, sampleLabels.Span)} (first on line {seriesLines[key]}); this sample is dropped, as Prometheus drops it");
            return false;
        }

        if (totalSamples >= limits.MaxSamples)
        {
            Problem(line, $"more than {limits.MaxSamples} samples, over the limit ({ExpositionLimits.MaxSamplesReason})");
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

    private enum TimestampReading
    {
        Invalid,
        Valid,
        OutOfRange,
    }

    private static readonly long MinUnixMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>Prometheus takes any 64-bit millisecond time; beyond what a DateTimeOffset holds it is out of range here.</summary>
    private TimestampReading ParseTimestamp(ReadOnlySpan<byte> s, out DateTimeOffset? timestamp)
    {
        timestamp = null;
        if (!Strict)
        {
            if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
            {
                return TimestampReading.Invalid;
            }
            if (ms < MinUnixMs || ms > MaxUnixMs)
            {
                return TimestampReading.OutOfRange;
            }
            timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return TimestampReading.Valid;
        }
        if (!TryParseNumber(s, out var seconds) || !double.IsFinite(seconds))
        {
            return TimestampReading.Invalid;
        }
        var ms2 = seconds * 1000;
        if (ms2 < MinUnixMs || ms2 > MaxUnixMs)
        {
            return TimestampReading.OutOfRange;
        }
        timestamp = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return TimestampReading.Valid;
    }
}
