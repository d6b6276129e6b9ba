using System.Runtime.InteropServices;

namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>
/// Parses the Prometheus text format 0.0.4 and OpenMetrics 1.0 from UTF-8 bytes. It refuses what
/// Prometheus' own scraper refuses, and what exceeds <see cref="ExpositionLimits"/>, each problem
/// with its line and reason; what Prometheus takes although a format specification forbids or
/// advises against it is taken too, with a warning (docs/decisions/005-exposition-parser.md).
/// <see cref="Check"/> returns both; <see cref="Parse"/> throws on problems. Reuse one instance
/// per target: its string pool makes repeat scrapes allocate little more than the sample
/// arrays. An instance is not thread-safe.
/// </summary>
public sealed partial class ExpositionParser(ExpositionLimits? limits = null, ExpositionWarningThresholds? thresholds = null)
{
    private readonly ExpositionLimits limits = limits ?? ExpositionLimits.Default;
    private readonly ExpositionWarningThresholds thresholds = thresholds ?? ExpositionWarningThresholds.Default;
    private readonly Utf8StringPool pool = new(1 << 16);
    private readonly Dictionary<SeriesKey, int> seriesLines = new(SeriesKeyComparer.Instance);
    private readonly Dictionary<string, int> closedFamilies = new(StringComparer.Ordinal);
    private byte[] scratch = [];

    // State of one parse.
    private ExpositionFormat format;
    private List<ExpositionProblem> problems = [];
    private List<ExpositionProblem> warnings = [];
    private int unlistedWarnings;
    private readonly List<FamilyRef> families = [];
    // Working arrays, reused across parses; Finish copies the result out at its exact size.
    private Label[] labels = new Label[512];
    private int labelCount;
    private int sampleLabelStart;
    private bool crlfReported;
    private bool crlfCommentWarned;
    private Sample[] samples = new Sample[256];
    private int sampleCount;
    private int totalSamples;
    private bool stopped;
    // Where in the line a text-format label value was still open at the line's end, else -1.
    private int openValueAt = -1;
    private string openValueLabel = "";

    // The family being read.
    private string? famName;
    private byte[] famNameBytes = new byte[256];
    private int famNameLength;
    private MetricType famType;
    private string? famHelp;
    private string? famUnit;
    private int famLine;
    private bool famHasType;
    private int famSampleStart;
    private bool famFitWarned;

    /// <summary>Parses and returns the families, or throws <see cref="ExpositionException"/> naming every problem.</summary>
    public IReadOnlyList<MetricFamily> Parse(ReadOnlySpan<byte> body, ExpositionFormat format)
    {
        var result = Check(body, format);
        return result.IsValid ? result.Families : throw new ExpositionException(result.Problems);
    }

    /// <summary>Parses and reports every problem and warning (up to <see cref="ExpositionLimits.MaxProblems"/> each) with its line.</summary>
    public ExpositionResult Check(ReadOnlySpan<byte> body, ExpositionFormat format)
    {
        Reset(format);
        if (body.Length > limits.MaxBodyBytes)
        {
            Problem(0, $"body is {body.Length} bytes, over the limit of {limits.MaxBodyBytes} ({ExpositionLimits.MaxBodyBytesReason})");
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
            var start = pos;
            var end = LineEnd(body, start);
            pos = Math.Min(end + 1, body.Length);
            if (sawEof)
            {
                Problem(line, "content after # EOF");
                break;
            }
            var text = WithoutCarriageReturn(body[start..end], line);
            if (Strict && text.SequenceEqual("# EOF"u8))
            {
                sawEof = true;
                continue;
            }
            if (end == body.Length && !Strict)
            {
                // In OpenMetrics the missing # EOF says it.
                Warn(line, "the last line has no final newline (truncated body?)");
            }
            var mark = (warnings.Count, unlistedWarnings);
            ParseLine(text, line);
            if (openValueAt >= 0)
            {
                line = ReadOnIntoNextLines(body, start, line, ref pos, mark);
            }
        }
        CloseFamily();
        if (format == ExpositionFormat.OpenMetrics && !sawEof && !stopped)
        {
            Problem(Math.Max(line, 1), "missing # EOF at the end (required by OpenMetrics; truncated body?)");
        }
        return Finish();
    }

    private void Reset(ExpositionFormat f)
    {
        format = f;
        problems = [];
        warnings = [];
        unlistedWarnings = 0;
        families.Clear();
        sampleCount = 0;
        labelCount = 0;
        totalSamples = 0;
        stopped = false;
        crlfReported = false;
        crlfCommentWarned = false;
        openValueAt = -1;
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
        var result = new ExpositionResult
        {
            Format = format,
            Families = finalFamilies,
            SampleCount = totalSamples,
            // Histogram checks run when a family ends; report in line order all the same.
            Problems = problems.Count > 1 ? [.. problems.OrderBy(p => p.Line)] : problems,
            Warnings = warnings.Count > 1 ? [.. warnings.OrderBy(p => p.Line)] : warnings,
            UnlistedWarnings = unlistedWarnings,
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

    /// <summary>A reason to refuse the exposition.</summary>
    private void Problem(int line, string message)
    {
        problems.Add(new ExpositionProblem(line, message));
        if (problems.Count >= limits.MaxProblems)
        {
            problems.Add(new ExpositionProblem(line, $"stopped after {limits.MaxProblems} problems"));
            stopped = true;
        }
    }

    /// <summary>Something taken as Prometheus takes it, although a format specification forbids or advises against it.</summary>
    private void Warn(int line, string message)
    {
        if (warnings.Count < limits.MaxProblems)
        {
            warnings.Add(new ExpositionProblem(line, message));
        }
        else
        {
            unlistedWarnings++;
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
}
