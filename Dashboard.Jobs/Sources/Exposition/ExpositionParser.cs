using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>
/// Parses the Prometheus text format 0.0.4 and OpenMetrics 1.0 from UTF-8 bytes. An invalid
/// exposition yields every problem with its line (<see cref="Check"/>) or is rejected whole
/// (<see cref="Parse"/>). Reuse one instance per target: its string pool makes repeat scrapes
/// allocate little more than the sample arrays. An instance is not thread-safe.
/// </summary>
public sealed class ExpositionParser(ExpositionLimits? limits = null)
{
    private const int MaxNameBytes = 1024;

    private readonly ExpositionLimits limits = limits ?? ExpositionLimits.Default;
    private readonly Utf8StringPool pool = new(1 << 16);
    private readonly Dictionary<SeriesKey, int> seriesLines = new(SeriesKeyComparer.Instance);
    private readonly Dictionary<string, int> closedFamilies = new(StringComparer.Ordinal);
    private byte[] scratch = [];

    // State of one parse.
    private ExpositionFormat format;
    private List<ExpositionProblem> problems = [];
    private readonly List<FamilyRef> families = [];
    // Working arrays, reused across parses; Finish copies the result out at its exact size.
    private Label[] labels = new Label[512];
    private int labelCount;
    private int sampleLabelStart;
    private bool crlfReported;
    private Sample[] samples = new Sample[256];
    private int sampleCount;
    private int totalSamples;
    private bool stopped;

    // The family being read.
    private string? famName;
    private readonly byte[] famNameBytes = new byte[MaxNameBytes];
    private int famNameLength;
    private MetricType famType;
    private string? famHelp;
    private string? famUnit;
    private int famLine;
    private bool famHasType;
    private int famSampleStart;

    /// <summary>Parses and returns the families, or throws <see cref="ExpositionException"/> naming every problem.</summary>
    public IReadOnlyList<MetricFamily> Parse(ReadOnlySpan<byte> body, ExpositionFormat format)
    {
        var result = Check(body, format);
        return result.IsValid ? result.Families : throw new ExpositionException(result.Problems);
    }

    /// <summary>Parses and reports every problem (up to <see cref="ExpositionLimits.MaxProblems"/>) with its line.</summary>
    public ExpositionResult Check(ReadOnlySpan<byte> body, ExpositionFormat format)
    {
        Reset(format, body.Length);
        if (body.Length > limits.MaxBodyBytes)
        {
            Problem(0, $"body is {body.Length} bytes, over the limit of {limits.MaxBodyBytes}");
            return Finish();
        }
        if (body.StartsWith("\uFEFF"u8))
        {
            Problem(1, "byte order mark (BOM) at the start; an exposition is plain UTF-8 without one");
            body = body[3..];
        }
        if (LooksLikeHtml(body))
        {
            Problem(1, "body is HTML, not a metrics exposition (a login page?)");
            return Finish();
        }

        var line = 0;
        var sawEof = false;
        var pos = 0;
        while (pos < body.Length && !stopped)
        {
            line++;
            var rest = body[pos..];
            var nl = rest.IndexOf((byte)'\n');
            var text = nl < 0 ? rest : rest[..nl];
            pos += nl < 0 ? rest.Length : nl + 1;
            if (sawEof)
            {
                Problem(line, "content after # EOF");
                break;
            }
            if (text.EndsWith("\r"u8))
            {
                // Once, not on every line of a file saved with CRLF.
                if (!crlfReported)
                {
                    Problem(line, "carriage return at the end of the line (CRLF line endings are not allowed)");
                    crlfReported = true;
                }
                text = text[..^1];
            }
            var isEof = format == ExpositionFormat.OpenMetrics && text.SequenceEqual("# EOF"u8);
            if (nl < 0 && !isEof)
            {
                Problem(line, "the last line has no final newline (truncated body?)");
            }
            if (isEof)
            {
                sawEof = true;
                continue;
            }
            ParseLine(text, line);
        }
        CloseFamily();
        if (format == ExpositionFormat.OpenMetrics && !sawEof && !stopped)
        {
            Problem(Math.Max(line, 1), "missing # EOF at the end (required by OpenMetrics; truncated body?)");
        }
        return Finish();
    }

    private void Reset(ExpositionFormat f, int bodyLength)
    {
        format = f;
        problems = [];
        families.Clear();
        sampleCount = 0;
        labelCount = 0;
        totalSamples = 0;
        stopped = false;
        crlfReported = false;
        famName = null;
        seriesLines.Clear();
        closedFamilies.Clear();
        pool.TrimIfFull();
    }

    private ExpositionResult Finish()
    {
        var finalLabels = labels.AsSpan(0, labelCount).ToArray();
        var finalSamples = new Sample[sampleCount];
        for (var i = 0; i < sampleCount; i++)
        {
            var s = samples[i];
            MemoryMarshal.TryGetArray(s.Labels, out var segment);
            finalSamples[i] = s with { Labels = new ReadOnlyMemory<Label>(finalLabels, segment.Offset, segment.Count) };
        }
        var finalFamilies = new MetricFamily[families.Count];
        for (var i = 0; i < finalFamilies.Length; i++)
        {
            var f = families[i];
            finalFamilies[i] = new MetricFamily(f.Name, f.Type, f.Help, f.Unit, new ReadOnlyMemory<Sample>(finalSamples, f.Start, f.Count), f.Line);
        }
        if (problems.Count > 1)
        {
            // Histogram checks run when a family ends; report in line order all the same.
            problems = [.. problems.OrderBy(p => p.Line)];
        }
        var result = new ExpositionResult
        {
            Format = format,
            Families = finalFamilies,
            SampleCount = totalSamples,
            Problems = problems,
        };
        // Drop references so a reused parser does not keep the last result's strings alive.
        Array.Clear(samples, 0, sampleCount);
        Array.Clear(labels, 0, labelCount);
        seriesLines.Clear();
        families.Clear();
        return result;
    }

    private readonly record struct FamilyRef(string Name, MetricType Type, string? Help, string? Unit, int Start, int Count, int Line);

    private static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] == (byte)'<';
    }

    private void Problem(int line, string message)
    {
        problems.Add(new ExpositionProblem(line, message));
        if (problems.Count >= limits.MaxProblems)
        {
            problems.Add(new ExpositionProblem(line, $"stopped after {limits.MaxProblems} problems"));
            stopped = true;
        }
    }

    private bool Strict => format == ExpositionFormat.OpenMetrics;

    private void ParseLine(ReadOnlySpan<byte> text, int line)
    {
        if (text.IsEmpty)
        {
            if (Strict)
            {
                Problem(line, "empty line (not allowed in OpenMetrics)");
            }
            return;
        }
        if (!Strict)
        {
            text = text.TrimStart(" \t"u8);
            if (text.IsEmpty)
            {
                return;
            }
        }
        if (text[0] == (byte)'#')
        {
            ParseComment(text, line);
        }
        else
        {
            ParseSample(text, line);
        }
    }

    // ---- comments and descriptors ----

    private void ParseComment(ReadOnlySpan<byte> text, int line)
    {
        ReadOnlySpan<byte> keyword;
        ReadOnlySpan<byte> rest;
        if (Strict)
        {
            if (text.StartsWith("# HELP "u8) || text.StartsWith("# TYPE "u8) || text.StartsWith("# UNIT "u8))
            {
                keyword = text.Slice(2, 4);
                rest = text[7..];
            }
            else
            {
                Problem(line, $"unexpected comment '{Show(text)}' (OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF)");
                return;
            }
        }
        else
        {
            var afterHash = text[1..].TrimStart(" \t"u8);
            var end = afterHash.IndexOfAny(" \t"u8);
            keyword = end < 0 ? afterHash : afterHash[..end];
            if (!keyword.SequenceEqual("HELP"u8) && !keyword.SequenceEqual("TYPE"u8))
            {
                return; // A plain comment.
            }
            rest = end < 0 ? [] : afterHash[end..].TrimStart(" \t"u8);
        }

        var kw = keyword[0] switch { (byte)'H' => "HELP", (byte)'T' => "TYPE", _ => "UNIT" };
        var nameLength = MetricNameLength(rest);
        if (nameLength == 0)
        {
            Problem(line, $"# {kw} needs a metric name, found '{Show(rest)}'");
            return;
        }
        var name = rest[..nameLength];
        var tail = rest[nameLength..];
        ReadOnlySpan<byte> argument;
        if (tail.IsEmpty)
        {
            argument = [];
        }
        else if (tail[0] == (byte)' ' || (!Strict && tail[0] == (byte)'\t'))
        {
            argument = Strict ? tail[1..] : tail.TrimStart(" \t"u8);
        }
        else
        {
            Problem(line, $"invalid metric name '{Show(rest)}' in # {kw}");
            return;
        }

        switch (kw)
        {
            case "HELP":
                Help(name, argument, line);
                break;
            case "TYPE":
                TypeLine(name, argument, line);
                break;
            default:
                UnitLine(name, argument, line);
                break;
        }
    }

    private void Help(ReadOnlySpan<byte> name, ReadOnlySpan<byte> argument, int line)
    {
        if (!Unescape(argument, allowQuote: Strict, out var help, out var error))
        {
            Problem(line, $"HELP for {Show(name)}: {error}");
            return;
        }
        if (!EnterFamily(name, line, "HELP"))
        {
            return;
        }
        if (famHelp is not null)
        {
            Problem(line, $"second HELP line for {famName}");
            return;
        }
        if (Strict && sampleCount > famSampleStart)
        {
            Problem(line, $"HELP for {famName} after its samples (descriptors come first)");
            return;
        }
        famHelp = help;
    }

    private void TypeLine(ReadOnlySpan<byte> name, ReadOnlySpan<byte> argument, int line)
    {
        if (!Strict)
        {
            argument = argument.TrimEnd(" \t"u8);
        }
        MetricType? type =
            argument.SequenceEqual("counter"u8) ? MetricType.Counter
            : argument.SequenceEqual("gauge"u8) ? MetricType.Gauge
            : argument.SequenceEqual("histogram"u8) ? MetricType.Histogram
            : argument.SequenceEqual("summary"u8) ? MetricType.Summary
            : !Strict && argument.SequenceEqual("untyped"u8) ? MetricType.Unknown
            : Strict && argument.SequenceEqual("unknown"u8) ? MetricType.Unknown
            : Strict && argument.SequenceEqual("gaugehistogram"u8) ? MetricType.GaugeHistogram
            : Strict && argument.SequenceEqual("stateset"u8) ? MetricType.StateSet
            : Strict && argument.SequenceEqual("info"u8) ? MetricType.Info
            : null;
        if (type is null)
        {
            var allowed = Strict
                ? "counter, gauge, histogram, gaugehistogram, stateset, info, summary or unknown"
                : "counter, gauge, histogram, summary or untyped";
            Problem(line, $"unknown metric type '{Show(argument)}' for {Show(name)} (expected {allowed})");
            return;
        }
        if (!EnterFamily(name, line, "TYPE"))
        {
            return;
        }
        if (famHasType)
        {
            Problem(line, $"second TYPE line for {famName}");
            return;
        }
        if (sampleCount > famSampleStart)
        {
            Problem(line, $"TYPE for {famName} after its samples (TYPE must come before the first sample)");
            return;
        }
        famType = type.Value;
        famHasType = true;
    }

    private void UnitLine(ReadOnlySpan<byte> name, ReadOnlySpan<byte> argument, int line)
    {
        if (!EnterFamily(name, line, "UNIT"))
        {
            return;
        }
        if (famUnit is not null)
        {
            Problem(line, $"second UNIT line for {famName}");
            return;
        }
        if (sampleCount > famSampleStart)
        {
            Problem(line, $"UNIT for {famName} after its samples (descriptors come first)");
            return;
        }
        if (!argument.IsEmpty && !(name.EndsWith(argument) && name.Length > argument.Length && name[name.Length - argument.Length - 1] == (byte)'_'))
        {
            Problem(line, $"unit '{Show(argument)}' is not a suffix of the metric name {Show(name)}");
            return;
        }
        famUnit = pool.Get(argument);
    }

    /// <summary>Makes the family a descriptor names the current one (closing the previous family).</summary>
    private bool EnterFamily(ReadOnlySpan<byte> name, int line, string what)
    {
        if (famName is not null && name.SequenceEqual(famNameBytes.AsSpan(0, famNameLength)))
        {
            return true;
        }
        if (name.Length > MaxNameBytes)
        {
            Problem(line, $"metric name in # {what} is longer than {MaxNameBytes} bytes");
            return false;
        }
        return StartFamily(name, line);
    }

    private bool StartFamily(ReadOnlySpan<byte> name, int line)
    {
        CloseFamily();
        var s = pool.Get(name);
        if (closedFamilies.TryGetValue(s, out var firstLine))
        {
            Problem(line, $"metric family {s} appears again (first on line {firstLine}); the lines of a family must be together");
            return false;
        }
        famName = s;
        name.CopyTo(famNameBytes);
        famNameLength = name.Length;
        famType = MetricType.Unknown;
        famHasType = false;
        famHelp = null;
        famUnit = null;
        famLine = line;
        famSampleStart = sampleCount;
        return true;
    }

    private void CloseFamily()
    {
        if (famName is null)
        {
            return;
        }
        if (famType is MetricType.Histogram or MetricType.GaugeHistogram)
        {
            CheckBuckets(samples.AsSpan(famSampleStart, sampleCount - famSampleStart));
        }
        families.Add(new FamilyRef(famName, famType, famHelp, famUnit, famSampleStart, sampleCount - famSampleStart, famLine));
        closedFamilies[famName] = famLine;
        famName = null;
    }

    // ---- samples ----

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

    private bool ParseLabels(ReadOnlySpan<byte> text, ref int i, int line, ReadOnlySpan<byte> metric)
    {
        i++; // '{'
        var afterComma = false;
        while (true)
        {
            SkipBlanks(text, ref i);
            if (i >= text.Length)
            {
                Problem(line, $"labels of {Show(metric)} are not closed with '}}'");
                return false;
            }
            if (text[i] == (byte)'}')
            {
                if (afterComma && Strict)
                {
                    Problem(line, "trailing comma in the labels (not allowed in OpenMetrics)");
                    return false;
                }
                i++;
                return true;
            }
            var nameLength = LabelNameLength(text[i..]);
            if (nameLength == 0)
            {
                Problem(line, $"expected a label name or '}}', found '{Show(text[i..])}'");
                return false;
            }
            var labelName = text.Slice(i, nameLength);
            i += nameLength;
            if (nameLength > limits.MaxLabelNameBytes)
            {
                Problem(line, $"label name of {nameLength} bytes, over the limit of {limits.MaxLabelNameBytes}");
                return false;
            }
            if (labelName.SequenceEqual("__name__"u8))
            {
                Problem(line, "label name __name__ is reserved");
                return false;
            }
            SkipBlanks(text, ref i);
            if (i >= text.Length || text[i] != (byte)'=')
            {
                Problem(line, $"expected '=' after label name {Show(labelName)}");
                return false;
            }
            i++;
            SkipBlanks(text, ref i);
            if (i >= text.Length || text[i] != (byte)'"')
            {
                Problem(line, $"expected '\"' to open the value of label {Show(labelName)}");
                return false;
            }
            i++;
            var valueStart = i;
            var escaped = false;
            while (i < text.Length && text[i] != (byte)'"')
            {
                if (text[i] == (byte)'\\')
                {
                    escaped = true;
                    i++;
                }
                i++;
            }
            if (i >= text.Length)
            {
                Problem(line, $"value of label {Show(labelName)} is not terminated (a raw newline in it, or a missing quote)");
                return false;
            }
            var raw = text[valueStart..i];
            i++; // closing quote
            string value;
            if (escaped)
            {
                if (!Unescape(raw, allowQuote: true, out value, out var error))
                {
                    Problem(line, $"label {Show(labelName)}: {error}");
                    return false;
                }
                if (Encoding.UTF8.GetByteCount(value) > limits.MaxLabelValueBytes)
                {
                    Problem(line, $"value of label {Show(labelName)} is over the limit of {limits.MaxLabelValueBytes} bytes");
                    return false;
                }
            }
            else
            {
                if (raw.Length > limits.MaxLabelValueBytes)
                {
                    Problem(line, $"value of label {Show(labelName)} is {raw.Length} bytes, over the limit of {limits.MaxLabelValueBytes}");
                    return false;
                }
                if (!Utf8.IsValid(raw))
                {
                    Problem(line, $"value of label {Show(labelName)} is not valid UTF-8");
                    return false;
                }
                value = pool.Get(raw);
            }
            var nameString = pool.Get(labelName);
            for (var k = sampleLabelStart; k < labelCount; k++)
            {
                if (ReferenceEquals(labels[k].Name, nameString))
                {
                    Problem(line, $"label {nameString} appears twice");
                    return false;
                }
            }
            AppendLabel(new Label(nameString, value));
            SkipBlanks(text, ref i);
            if (i < text.Length && text[i] == (byte)',')
            {
                i++;
                afterComma = true;
                continue;
            }
            if (i < text.Length && text[i] == (byte)'}')
            {
                i++;
                return true;
            }
            Problem(line, i >= text.Length
                ? $"labels of {Show(metric)} are not closed with '}}'"
                : $"expected ',' or '}}' after the value of label {Show(labelName)}, found '{Show(text[i..])}'");
            return false;
        }
    }

    private void SkipBlanks(ReadOnlySpan<byte> text, ref int i)
    {
        if (Strict)
        {
            return;
        }
        while (i < text.Length && (text[i] == (byte)' ' || text[i] == (byte)'\t'))
        {
            i++;
        }
    }

    private void AppendLabel(Label label)
    {
        if (labelCount == labels.Length)
        {
            // Offsets stay valid; slices taken before point at the old array, which Finish rebases.
            Array.Resize(ref labels, labels.Length * 2);
        }
        labels[labelCount++] = label;
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

    private bool CheckSpecialLabels(ReadOnlySpan<byte> name, ReadOnlySpan<Label> sampleLabels, int line)
    {
        var suffix = name[famNameLength..];
        string? required = famType switch
        {
            MetricType.Histogram or MetricType.GaugeHistogram when suffix.SequenceEqual("_bucket"u8) => "le",
            MetricType.Summary when suffix.IsEmpty => "quantile",
            _ => null,
        };
        if (required is null)
        {
            return true;
        }
        string? value = null;
        foreach (var l in sampleLabels)
        {
            if (l.Name == required)
            {
                value = l.Value;
            }
        }
        if (value is null)
        {
            Problem(line, $"{Show(name)} has no '{required}' label");
            return false;
        }
        if (!TryParseLabelNumber(value, out _))
        {
            Problem(line, $"'{required}' label value \"{value}\" of {Show(name)} is not a number");
            return false;
        }
        return true;
    }

    /// <summary>Buckets per series: increasing le, counts that never decrease, and a +Inf bucket.</summary>
    private void CheckBuckets(ReadOnlySpan<Sample> familySamples)
    {
        var suffixLength = famName!.Length;
        ReadOnlyMemory<Label> groupLabels = default;
        var inGroup = false;
        var sawInf = false;
        double lastLe = double.NegativeInfinity, lastCount = 0;
        var lastLine = 0;
        foreach (var s in familySamples)
        {
            if (s.Name.Length != suffixLength + 7 || !s.Name.EndsWith("_bucket", StringComparison.Ordinal))
            {
                continue;
            }
            if (!TryParseLabelNumber(s.GetLabel("le")!, out var le))
            {
                continue; // Reported when the sample was read.
            }
            if (!inGroup || !SameExceptLe(groupLabels.Span, s.Labels.Span))
            {
                if (inGroup && !sawInf)
                {
                    Problem(lastLine, $"histogram {Describe(famName, groupLabels.Span, "le")} has no le=\"+Inf\" bucket");
                }
                inGroup = true;
                groupLabels = s.Labels;
                sawInf = false;
                lastLe = double.NegativeInfinity;
                lastCount = double.NegativeInfinity;
            }
            else if (!(le > lastLe))
            {
                Problem(s.Line, $"histogram {famName} buckets out of order: le=\"{s.GetLabel("le")}\" after le=\"{FormatNumber(lastLe)}\"");
            }
            else if (s.Value < lastCount)
            {
                Problem(s.Line, $"histogram {famName} bucket le=\"{s.GetLabel("le")}\" has {FormatNumber(s.Value)}, less than the previous bucket's {FormatNumber(lastCount)} (buckets are cumulative and must not decrease)");
            }
            sawInf |= double.IsPositiveInfinity(le);
            lastLe = le;
            lastCount = s.Value;
            lastLine = s.Line;
        }
        if (inGroup && !sawInf)
        {
            Problem(lastLine, $"histogram {Describe(famName, groupLabels.Span, "le")} has no le=\"+Inf\" bucket");
        }
    }

    private static bool SameExceptLe(ReadOnlySpan<Label> a, ReadOnlySpan<Label> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }
        foreach (var x in a)
        {
            if (x.Name == "le")
            {
                continue;
            }
            var found = false;
            foreach (var y in b)
            {
                if (ReferenceEquals(x.Name, y.Name))
                {
                    found = ReferenceEquals(x.Value, y.Value);
                    break;
                }
            }
            if (!found)
            {
                return false;
            }
        }
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

    // ---- tokens ----

    private static int MetricNameLength(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || !(IsLetter(s[0]) || s[0] == (byte)'_' || s[0] == (byte)':'))
        {
            return 0;
        }
        var i = 1;
        while (i < s.Length && (IsLetter(s[i]) || IsDigit(s[i]) || s[i] == (byte)'_' || s[i] == (byte)':'))
        {
            i++;
        }
        return i;
    }

    private static int LabelNameLength(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || !(IsLetter(s[0]) || s[0] == (byte)'_'))
        {
            return 0;
        }
        var i = 1;
        while (i < s.Length && (IsLetter(s[i]) || IsDigit(s[i]) || s[i] == (byte)'_'))
        {
            i++;
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>
    /// Go's ParseFloat spellings both formats use: decimal and exponent forms, NaN, Inf,
    /// +Inf, -Inf, Infinity, any case. Not hex, not "+NaN", not .NET's "∞".
    /// </summary>
    internal static bool TryParseNumber(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }
        var unsigned = s[0] is (byte)'+' or (byte)'-' ? s[1..] : s;
        if (unsigned.Length >= 3 && IsLetter(unsigned[0]))
        {
            if (Ascii.EqualsIgnoreCase(s, "nan"u8))
            {
                value = double.NaN;
                return true;
            }
            if (Ascii.EqualsIgnoreCase(unsigned, "inf"u8) || Ascii.EqualsIgnoreCase(unsigned, "infinity"u8))
            {
                value = s[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            }
            return false;
        }
        foreach (var b in s)
        {
            if (!IsDigit(b) && b is not ((byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-'))
            {
                return false;
            }
        }
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseLabelNumber(string s, out double value)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (s.Length > buffer.Length || !Ascii.IsValid(s))
        {
            value = 0;
            return false;
        }
        var n = Encoding.ASCII.GetBytes(s, buffer);
        return TryParseNumber(buffer[..n], out value);
    }

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

    /// <summary>Escapes: \\ and \n everywhere, \" in label values and OpenMetrics HELP.</summary>
    private bool Unescape(ReadOnlySpan<byte> raw, bool allowQuote, out string value, out string? error)
    {
        value = "";
        error = null;
        if (raw.IndexOf((byte)'\\') < 0)
        {
            if (!Utf8.IsValid(raw))
            {
                error = "not valid UTF-8";
                return false;
            }
            value = pool.Get(raw);
            return true;
        }
        if (raw.Length > scratch.Length)
        {
            scratch = new byte[Math.Max(raw.Length, 256)];
        }
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == (byte)'\\')
            {
                if (i + 1 >= raw.Length)
                {
                    error = "ends with a lone backslash";
                    return false;
                }
                var next = raw[++i];
                b = next switch
                {
                    (byte)'\\' => (byte)'\\',
                    (byte)'n' => (byte)'\n',
                    (byte)'"' when allowQuote => (byte)'"',
                    _ => 0,
                };
                if (b == 0)
                {
                    error = $"invalid escape sequence '\\{(char)next}' (only \\\\, \\n{(allowQuote ? " and \\\"" : "")} are allowed)";
                    return false;
                }
            }
            scratch[n++] = b;
        }
        if (!Utf8.IsValid(scratch.AsSpan(0, n)))
        {
            error = "not valid UTF-8";
            return false;
        }
        value = pool.Get(scratch.AsSpan(0, n));
        return true;
    }

    private static string FormatNumber(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A bounded, printable excerpt of the input for messages.</summary>
    private static string Show(ReadOnlySpan<byte> s)
    {
        const int max = 40;
        var cut = s.Length > max ? s[..max] : s;
        var text = Encoding.UTF8.GetString(cut).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        return s.Length > max ? text + "..." : text;
    }

    private static string Describe(string name, ReadOnlySpan<Label> set, string? except = null)
    {
        var sb = new StringBuilder(name);
        var first = true;
        foreach (var l in set)
        {
            if (l.Name == except)
            {
                continue;
            }
            sb.Append(first ? '{' : ',').Append(l.Name).Append("=\"").Append(l.Value.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('"');
            first = false;
        }
        if (!first)
        {
            sb.Append('}');
        }
        return sb.ToString();
    }

    // ---- series identity: pooled strings make reference comparison exact within one parse ----

    private readonly record struct SeriesKey(string Name, ReadOnlyMemory<Label> Labels);

    private sealed class SeriesKeyComparer : IEqualityComparer<SeriesKey>
    {
        public static readonly SeriesKeyComparer Instance = new();

        public bool Equals(SeriesKey x, SeriesKey y)
        {
            if (!ReferenceEquals(x.Name, y.Name) || x.Labels.Length != y.Labels.Length)
            {
                return false;
            }
            var b = y.Labels.Span;
            foreach (var l in x.Labels.Span)
            {
                var found = false;
                foreach (var m in b)
                {
                    if (ReferenceEquals(l.Name, m.Name))
                    {
                        found = ReferenceEquals(l.Value, m.Value);
                        break;
                    }
                }
                if (!found)
                {
                    return false;
                }
            }
            return true;
        }

        public int GetHashCode(SeriesKey key)
        {
            // Order-independent: {a,b} and {b,a} are one series.
            var hash = RuntimeHelpers.GetHashCode(key.Name);
            var sum = 0;
            foreach (var l in key.Labels.Span)
            {
                sum += HashCode.Combine(RuntimeHelpers.GetHashCode(l.Name), RuntimeHelpers.GetHashCode(l.Value));
            }
            return HashCode.Combine(hash, sum);
        }
    }
}
