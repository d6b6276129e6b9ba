using static Dashboard.Jobs.Sources.Exposition.ExpositionSyntax;

namespace Dashboard.Jobs.Sources.Exposition;

// The le and quantile labels, and the buckets of a histogram.
public sealed partial class ExpositionParser
{
    /// <summary>Prometheus stores buckets and quantiles without these checks, so they only warn.</summary>
    private void CheckSpecialLabels(ReadOnlySpan<byte> name, ReadOnlySpan<Label> sampleLabels, int line)
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
            return;
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
            Warn(line, $"{Show(name)} has no '{required}' label");
        }
        else if (!TryParseLabelNumber(value, out _))
        {
            Warn(line, $"'{required}' label value \"{value}\" of {Show(name)} is not a number");
        }
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
            if (s.GetLabel("le") is not { } leText || !TryParseLabelNumber(leText, out var le))
            {
                continue; // Reported when the sample was read.
            }
            if (!inGroup || !LabelSets.SameByReference(groupLabels.Span, s.Labels.Span, except: "le"))
            {
                if (inGroup && !sawInf)
                {
                    Warn(lastLine, $"histogram {Describe(famName, groupLabels.Span, "le")} has no le=\"+Inf\" bucket");
                }
                inGroup = true;
                groupLabels = s.Labels;
                sawInf = false;
                lastLe = double.NegativeInfinity;
                lastCount = double.NegativeInfinity;
            }
            else if (!(le > lastLe))
            {
                Warn(s.Line, $"histogram {famName} buckets out of order: le=\"{s.GetLabel("le")}\" after le=\"{FormatNumber(lastLe)}\"");
            }
            else if (s.Value < lastCount)
            {
                Warn(s.Line, $"histogram {famName} bucket le=\"{s.GetLabel("le")}\" has {FormatNumber(s.Value)}, less than the previous bucket's {FormatNumber(lastCount)} (buckets are cumulative and must not decrease)");
            }
            sawInf |= double.IsPositiveInfinity(le);
            lastLe = le;
            lastCount = s.Value;
            lastLine = s.Line;
        }
        if (inGroup && !sawInf)
        {
            Warn(lastLine, $"histogram {Describe(famName, groupLabels.Span, "le")} has no le=\"+Inf\" bucket");
        }
    }
}
