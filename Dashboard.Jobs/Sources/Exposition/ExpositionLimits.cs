namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>
/// Bounds on what one exposition may cost. A target that exceeds one is rejected whole: a
/// half-read scrape would look like series disappearing.
/// </summary>
public sealed record ExpositionLimits
{
    public static ExpositionLimits Default { get; } = new();

    /// <summary>Largest body accepted, in bytes (checked while reading, before parsing).</summary>
    public long MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most samples in one exposition.</summary>
    public int MaxSamples { get; init; } = 500_000;

    /// <summary>Longest label name, in UTF-8 bytes.</summary>
    public int MaxLabelNameBytes { get; init; } = 256;

    /// <summary>Longest label value after unescaping, in UTF-8 bytes.</summary>
    public int MaxLabelValueBytes { get; init; } = 4096;

    /// <summary>Most labels on one sample.</summary>
    public int MaxLabelsPerSample { get; init; } = 64;

    /// <summary>Parsing stops after this many problems (the rest would mostly be echoes).</summary>
    public int MaxProblems { get; init; } = 100;
}
