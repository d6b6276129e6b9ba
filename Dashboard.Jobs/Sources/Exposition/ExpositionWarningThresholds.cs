namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>
/// Sizes past which a parse warns (check-metrics prints it) but still takes the exposition:
/// Prometheus takes any size unless a scrape config sets label_limit, label_name_length_limit
/// or label_value_length_limit, all off by default.
/// </summary>
public sealed record ExpositionWarningThresholds
{
    public static ExpositionWarningThresholds Default { get; } = new();

    /// <summary>Longest label name, in UTF-8 bytes, taken without a warning.</summary>
    public int LabelNameBytes { get; init; } = 256;

    /// <summary>Longest label value after unescaping, in UTF-8 bytes, taken without a warning.</summary>
    public int LabelValueBytes { get; init; } = 4096;

    /// <summary>Most labels on one sample taken without a warning.</summary>
    public int LabelsPerSample { get; init; } = 64;
}
