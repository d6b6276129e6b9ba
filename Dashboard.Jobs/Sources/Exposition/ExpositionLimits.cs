namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>
/// What one exposition may cost this process. A target that exceeds one is refused whole, with
/// a message naming the limit: a half-read scrape would look like series disappearing.
/// Prometheus has the like (body_size_limit, sample_limit), off unless a scrape config sets
/// them; nothing else is refused for its size (see <see cref="ExpositionWarningThresholds"/>).
/// </summary>
public sealed record ExpositionLimits
{
    public static ExpositionLimits Default { get; } = new();

    // How a refusal names the limit it hit.
    internal const string MaxBodyBytesReason = "ExpositionLimits.MaxBodyBytes, which bounds what one scrape may cost";
    internal const string MaxSamplesReason = "ExpositionLimits.MaxSamples, which bounds what one scrape may cost";

    /// <summary>Largest body accepted, in bytes (checked while reading, before parsing).</summary>
    public long MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most samples in one exposition.</summary>
    public int MaxSamples { get; init; } = 500_000;

    /// <summary>Problems, and separately warnings, listed before the rest are only counted.</summary>
    public int MaxProblems { get; init; } = 100;
}
