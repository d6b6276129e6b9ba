using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>
/// What extra page latency costs in conversions: every +100 ms keeps about 99 % of the conversions
/// there were before it. The model compounds: the share kept is 0.99^(extra ms / 100), so 300 ms
/// costs 2.97 % (linear would say 3 %) and the loss approaches but never reaches 100 %.
/// Latency at or below the baseline costs nothing; no gain is claimed for being faster than the baseline.
/// </summary>
/// <param name="ExtraLatency">Observed minus baseline latency, zero when observed is not slower.</param>
/// <param name="LostShare">Share of the baseline's conversions lost to the extra latency.</param>
/// <param name="LostConversions">Conversions lost in the period, when observed conversions were given.</param>
/// <param name="LostRevenue">Revenue lost in the period, when observed conversions and revenue per conversion were given.</param>
public sealed record ConversionImpact(Duration ExtraLatency, Percent LostShare, double? LostConversions, Money? LostRevenue)
{
    /// <summary>The latency step of the rule of thumb.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    /// <summary>The share of conversions kept per <see cref="Step"/> of extra latency (1 % lost).</summary>
    public const double KeptPerStep = 0.99;

    /// <summary>Estimates the impact of <paramref name="observed"/> latency against <paramref name="baseline"/>.</summary>
    /// <param name="baseline">The latency conversions were measured or are expected at (e.g. last month's p50).</param>
    /// <param name="observed">The latency users get now.</param>
    /// <param name="observedConversions">Conversions counted in the period at the observed latency; null when unknown.</param>
    /// <param name="revenuePerConversion">Revenue one conversion brings; null when unknown.</param>
    public static ConversionImpact Estimate(
        Duration baseline,
        Duration observed,
        double? observedConversions = null,
        Money? revenuePerConversion = null)
    {
        if (observedConversions is { } count && (!double.IsFinite(count) || count < 0))
        {
            throw new DomainValidationException($"Observed conversions must be a finite, non-negative number, but were {count}.");
        }

        var extra = observed > baseline ? Duration.Of(observed.Value - baseline.Value) : Duration.Zero;
        var kept = Math.Pow(KeptPerStep, extra.Value / Step);
        var lostShare = Percent.Of((1 - kept) * 100);

        // Observed conversions already carry the loss: the baseline would have had observed / kept.
        double? lost = observedConversions is { } observedCount ? (observedCount / kept) - observedCount : null;
        Money? lostRevenue = lost is { } l && revenuePerConversion is { } perConversion
            ? perConversion * (decimal)l
            : null;
        return new ConversionImpact(extra, lostShare, lost, lostRevenue);
    }
}
