using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>
/// Multi-window, multi-burn-rate alerting (SRE workbook ch. 5; Sloth's defaults for a 30-day SLO):
/// page on 1 h / 5 min above 14.4x or 6 h / 30 min above 6x; ticket on 1 d / 2 h above 3x or 3 d / 6 h above 1x.
/// </summary>
public sealed class BurnRatePolicy
{
    /// <summary>Creates a policy; throws <see cref="DomainValidationException"/> when it has no tiers.</summary>
    /// <param name="tiers">The alert tiers, most urgent first.</param>
    public BurnRatePolicy(IEnumerable<BurnRateTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        Tiers = [.. tiers];
        if (Tiers.Count == 0)
        {
            throw new DomainValidationException("A burn-rate policy needs at least one tier.");
        }
    }

    /// <summary>The defaults for a 30-day SLO.</summary>
    public static BurnRatePolicy ThirtyDayDefault { get; } = new(
    [
        new BurnRateTier(AlertUrgency.Page, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 14.4),
        new BurnRateTier(AlertUrgency.Page, TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), 6),
        new BurnRateTier(AlertUrgency.Ticket, TimeSpan.FromDays(1), TimeSpan.FromHours(2), 3),
        new BurnRateTier(AlertUrgency.Ticket, TimeSpan.FromDays(3), TimeSpan.FromHours(6), 1),
    ]);

    /// <summary>The alert tiers, most urgent first.</summary>
    public IReadOnlyList<BurnRateTier> Tiers { get; }

    /// <summary>Every window the tiers look at (long and short), shortest first.</summary>
    public IReadOnlyList<TimeSpan> Windows =>
        [.. Tiers.SelectMany(t => new[] { t.LongWindow, t.ShortWindow }).Distinct().Order()];

    /// <summary>
    /// Each tier with the burn rates of both its windows and whether it fires, in policy order. Fires
    /// exactly when <see cref="Evaluate"/> lists the tier; a window missing from
    /// <paramref name="errorRatioByWindow"/> has no burn rate and cannot fire its tier.
    /// </summary>
    /// <param name="slo">The objective.</param>
    /// <param name="errorRatioByWindow">The observed error ratio (0..1) over each window length.</param>
    public IReadOnlyList<BurnRateTierReading> Read(Slo slo, IReadOnlyDictionary<TimeSpan, double> errorRatioByWindow)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(errorRatioByWindow);
        var firing = Evaluate(slo, errorRatioByWindow).Firing;
        return [.. Tiers.Select(t => new BurnRateTierReading(t, Burn(t.LongWindow), Burn(t.ShortWindow), firing.Contains(t)))];

        double? Burn(TimeSpan window) =>
            errorRatioByWindow.TryGetValue(window, out var ratio) ? BurnRate.Of(slo, ratio) : null;
    }

    /// <summary>
    /// The tiers whose long and short windows both burn strictly faster than their factor.
    /// A window missing from <paramref name="errorRatioByWindow"/> cannot fire its tier (missing is not zero, nor bad).
    /// </summary>
    /// <param name="slo">The objective.</param>
    /// <param name="errorRatioByWindow">The observed error ratio (0..1) over each window length.</param>
    public BurnRateAssessment Evaluate(Slo slo, IReadOnlyDictionary<TimeSpan, double> errorRatioByWindow)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(errorRatioByWindow);
        var firing = Tiers
            .Where(t => Burns(t.LongWindow) > t.Factor && Burns(t.ShortWindow) > t.Factor)
            .ToList();
        return new BurnRateAssessment(firing);

        double Burns(TimeSpan window) =>
            errorRatioByWindow.TryGetValue(window, out var ratio) ? BurnRate.Of(slo, ratio) : double.NegativeInfinity;
    }
}
