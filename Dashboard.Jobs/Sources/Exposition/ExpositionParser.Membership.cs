namespace Dashboard.Jobs.Sources.Exposition;

// Which family a sample belongs to: by its format's specification, or as Prometheus files it.
public sealed partial class ExpositionParser
{
    /// <summary>Whether a sample is of the current family as its format's specification has it.</summary>
    private bool Belongs(ReadOnlySpan<byte> name)
    {
        var family = CurrentFamilyName;
        if (!name.StartsWith(family))
        {
            return false;
        }
        var suffix = name[family.Length..];
        return (Strict, famType) switch
        {
            (false, MetricType.Counter) => suffix.IsEmpty || suffix.SequenceEqual("_total"u8),
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

    /// <summary>
    /// Whether Prometheus' scrape loop files the sample's metadata under the current family
    /// (isSeriesPartOfFamily there): a counter's name with or without _total, a histogram's or
    /// summary's name bare or with its suffixes.
    /// </summary>
    private bool PrometheusFilesUnderFamily(ReadOnlySpan<byte> name)
    {
        var family = CurrentFamilyName;
        if (!name.StartsWith(family))
        {
            return false;
        }
        var stem = famType switch
        {
            MetricType.Counter => CutSuffix(name, "_total"u8),
            MetricType.Histogram => CutSuffix(CutSuffix(CutSuffix(name, "_bucket"u8), "_sum"u8), "_count"u8),
            MetricType.GaugeHistogram => CutSuffix(CutSuffix(CutSuffix(name, "_bucket"u8), "_gsum"u8), "_gcount"u8),
            MetricType.Summary => CutSuffix(CutSuffix(name, "_sum"u8), "_count"u8),
            MetricType.Info => CutSuffix(name, "_info"u8),
            _ => name,
        };
        var familyStem = famType switch
        {
            MetricType.Counter => CutSuffix(family, "_total"u8),
            MetricType.Info => CutSuffix(family, "_info"u8),
            _ => family,
        };
        return stem.SequenceEqual(familyStem);
    }

    private static ReadOnlySpan<byte> CutSuffix(ReadOnlySpan<byte> s, ReadOnlySpan<byte> suffix) =>
        s.EndsWith(suffix) ? s[..^suffix.Length] : s;

    private bool IsFamilySuffixOf(ReadOnlySpan<byte> name)
    {
        var family = CurrentFamilyName;
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
            (false, MetricType.Counter) => $"{n} or {n}_total",
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
}
