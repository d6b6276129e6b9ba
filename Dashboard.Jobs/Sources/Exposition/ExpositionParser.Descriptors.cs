using static Dashboard.Jobs.Sources.Exposition.ExpositionSyntax;

namespace Dashboard.Jobs.Sources.Exposition;

// HELP, TYPE and UNIT lines, and the families they open and close.
public sealed partial class ExpositionParser
{
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
}
