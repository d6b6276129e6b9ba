using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>
/// The error budget of one calendar month, spent as downtime: the SLO allows (1 - target) of the
/// month's whole length (99.9 % of December: 44.6 min); each stretch of time spends its share of
/// failed requests of itself (a minute with 2 % failures spends 1.2 s). What is spent stays spent:
/// within a month the downtime only grows and the budget left only shrinks (decision 020), so
/// "downtime this month", its cost and "budget left" never move backwards.
/// </summary>
public sealed record MonthlyErrorBudget
{
    private MonthlyErrorBudget(Slo slo, DateTimeOffset monthStart, DateTimeOffset monthEnd, DateTimeOffset asOf, Duration spent, double coverage)
    {
        Slo = slo;
        MonthStart = monthStart;
        MonthEnd = monthEnd;
        AsOf = asOf;
        Spent = spent;
        Coverage = coverage;
    }

    /// <summary>The objective.</summary>
    public Slo Slo { get; }

    /// <summary>The first instant of the month (UTC).</summary>
    public DateTimeOffset MonthStart { get; }

    /// <summary>The first instant of the next month.</summary>
    public DateTimeOffset MonthEnd { get; }

    /// <summary>The moment the spending was measured to.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>Downtime spent since the month began: each covered stretch's failed share of itself.</summary>
    public Duration Spent { get; }

    /// <summary>Share of the month so far that readings cover (the rest is unknown, not spent).</summary>
    public double Coverage { get; }

    /// <summary>The downtime the SLO allows over the whole month.</summary>
    public Duration Allowed => Duration.Of((MonthEnd - MonthStart) * Slo.ErrorBudgetRatio);

    /// <summary>Share of the month's budget spent (above 1 when overspent).</summary>
    public double Consumed => Spent.Value / Allowed.Value;

    /// <summary>Share of the month's budget left (negative when overspent).</summary>
    public double Remaining => 1 - Consumed;

    /// <summary>Whether the month's budget is used up.</summary>
    public bool IsExhausted => Consumed >= 1;

    /// <summary>
    /// The month <paramref name="monthToDate"/> starts, spent as that window measured (from the month's
    /// first instant to the moment of measuring). Throws <see cref="DomainValidationException"/>
    /// when the window does not start at that month's start.
    /// </summary>
    /// <param name="slo">The objective.</param>
    /// <param name="monthToDate">Availability measured from the month's first instant to now.</param>
    public static MonthlyErrorBudget Of(Slo slo, UptimeWindow monthToDate)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(monthToDate);
        var start = monthToDate.From;
        if (MonthOf(start) != start || monthToDate.To > start.AddMonths(1))
        {
            throw new DomainValidationException(
                $"A month's error budget needs availability measured from the first instant of a month to a moment within it, but the window ran from {monthToDate.From:O} to {monthToDate.To:O}.");
        }

        return new MonthlyErrorBudget(slo, monthToDate.From, monthToDate.From.AddMonths(1), monthToDate.To, monthToDate.Downtime, monthToDate.Coverage);
    }

    /// <summary>The first instant (UTC) of the month <paramref name="at"/> falls in.</summary>
    /// <param name="at">Any instant.</param>
    public static DateTimeOffset MonthOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>
    /// How long the budget left lasts if downtime keeps accruing at <paramref name="burnRate"/> (1 = the pace
    /// that spends the month's budget exactly over the month). Zero when spent; null when the rate is zero.
    /// </summary>
    /// <param name="burnRate">The current burn rate, finite and not negative.</param>
    public TimeSpan? TimeToExhaustion(double burnRate)
    {
        if (!double.IsFinite(burnRate) || burnRate < 0)
        {
            throw new DomainValidationException($"Burn rate must be a finite, non-negative number, but was {burnRate}.");
        }

        if (IsExhausted)
        {
            return TimeSpan.Zero;
        }

        // At burn rate b, downtime accrues at b x (1 - target) of wall time.
        return burnRate == 0 ? null : (Allowed.Value - Spent.Value) / (burnRate * Slo.ErrorBudgetRatio);
    }
}
