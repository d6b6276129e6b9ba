using static Dashboard.Jobs.Sources.Exposition.ExpositionSyntax;

namespace Dashboard.Jobs.Sources.Exposition;

// HELP, TYPE and UNIT lines, and the families they open and close.
public sealed partial class ExpositionParser
{
    private ReadOnlySpan<byte> CurrentFamilyName => famNameBytes.AsSpan(0, famNameLength);

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
        else if (!TryTextDescriptor(text, out keyword, out rest))
        {
            return; // A plain comment.
        }

        var kw = keyword[0] switch { (byte)'H' => "HELP", (byte)'T' => "TYPE", _ => "UNIT" };
        var nameLength = MetricNameLength(rest);
        if (nameLength == 0)
        {
            Problem(line, IsQuotedName(rest)
                ? $"{QuotedNamesUnsupported}, found '{Show(rest)}' in # {kw}"
                : $"# {kw} needs a metric name, found '{Show(rest)}'");
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
        else if (!Strict)
        {
            // Prometheus' text lexer ends the name there and drops the next character.
            Warn(line, $"no blank after the metric name in # {kw} '{Show(rest)}'; read from the character after it on, as Prometheus does");
            argument = tail[1..];
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

    /// <summary>
    /// A text-format HELP or TYPE line as Prometheus' lexer reads one: '#', blanks, the keyword,
    /// blanks. Anything else ("#HELP", "# HELP" alone, "# UNIT") is a plain comment.
    /// </summary>
    private static bool TryTextDescriptor(ReadOnlySpan<byte> text, out ReadOnlySpan<byte> keyword, out ReadOnlySpan<byte> rest)
    {
        keyword = [];
        rest = [];
        var afterHash = text[1..];
        var words = afterHash.TrimStart(" \t"u8);
        if (words.Length == afterHash.Length || words.Length < 5 || !(words.StartsWith("HELP"u8) || words.StartsWith("TYPE"u8)) || words[4] is not ((byte)' ' or (byte)'\t'))
        {
            return false;
        }
        keyword = words[..4];
        rest = words[4..].TrimStart(" \t"u8);
        return true;
    }

    /// <summary>A HELP line or a plain comment: Prometheus keeps a carriage return in their text instead of failing.</summary>
    private bool IsHelpOrComment(ReadOnlySpan<byte> text)
    {
        if (Strict)
        {
            return text.StartsWith("# HELP "u8);
        }
        text = text.TrimStart(" \t"u8);
        return !text.IsEmpty && text[0] == (byte)'#' && !(TryTextDescriptor(text, out var keyword, out _) && keyword.SequenceEqual("TYPE"u8));
    }

    private void Help(ReadOnlySpan<byte> name, ReadOnlySpan<byte> argument, int line)
    {
        if (!Unescape(argument, quoteEscape: Strict, out var help, out _, out var unknownEscape))
        {
            Problem(line, $"HELP for {Show(name)}: not valid UTF-8");
            return;
        }
        if (unknownEscape is not null)
        {
            Warn(line, $"HELP for {Show(name)}: unknown escape sequence '{unknownEscape}' kept as written (the format defines {(Strict ? "\\\\, \\n and \\\"" : "\\\\ and \\n")})");
        }
        EnterFamily(name, line, "HELP");
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
        EnterFamily(name, line, "TYPE");
        famType = type.Value;
        famHasType = true;
    }

    private void UnitLine(ReadOnlySpan<byte> name, ReadOnlySpan<byte> argument, int line)
    {
        if (!argument.IsEmpty && !(name.EndsWith(argument) && name.Length > argument.Length && name[name.Length - argument.Length - 1] == (byte)'_'))
        {
            Problem(line, $"unit '{Show(argument)}' is not a suffix of the metric name {Show(name)}");
            return;
        }
        EnterFamily(name, line, "UNIT");
        famUnit = pool.Get(argument);
    }

    /// <summary>
    /// Makes the family a HELP, TYPE or UNIT line names the current one. A line for the current
    /// family that repeats one of its descriptors, or comes after its samples, begins a new family
    /// of the same name: client_golang writes a gauge X and a counter X_total both as family X
    /// this way in OpenMetrics, and Prometheus takes it.
    /// </summary>
    private void EnterFamily(ReadOnlySpan<byte> name, int line, string keyword)
    {
        if (famName is null || !name.SequenceEqual(CurrentFamilyName))
        {
            StartFamily(name, line, warnIfSeen: true);
            return;
        }
        var repeated = keyword switch
        {
            "HELP" => famHelp is not null,
            "TYPE" => famHasType,
            _ => famUnit is not null,
        };
        // The text format lets HELP follow the samples; TYPE, and every OpenMetrics descriptor, goes first.
        var late = sampleCount > famSampleStart && (Strict || keyword == "TYPE");
        if (!repeated && !late)
        {
            return;
        }
        Warn(line, repeated
            ? $"second # {keyword} for {famName} (its family began on line {famLine}): a new family of that name begins here (Prometheus takes it; family names should be unique)"
            : $"# {keyword} for {famName} after its samples (family began on line {famLine}): a new family of that name begins here (Prometheus takes it; descriptors should come first)");
        StartFamily(name, line, warnIfSeen: false);
    }

    private void StartFamily(ReadOnlySpan<byte> name, int line, bool warnIfSeen)
    {
        CloseFamily();
        var s = pool.Get(name);
        if (warnIfSeen && closedFamilies.TryGetValue(s, out var firstLine))
        {
            Warn(line, $"metric family {s} appears again (first on line {firstLine}); the lines of a family should be together");
        }
        famName = s;
        if (name.Length > famNameBytes.Length)
        {
            famNameBytes = new byte[Math.Max(name.Length, famNameBytes.Length * 2)];
        }
        name.CopyTo(famNameBytes);
        famNameLength = name.Length;
        famType = MetricType.Unknown;
        famHasType = false;
        famHelp = null;
        famUnit = null;
        famLine = line;
        famSampleStart = sampleCount;
        famFitWarned = false;
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
        closedFamilies.TryAdd(famName, famLine);
        famName = null;
    }
}
