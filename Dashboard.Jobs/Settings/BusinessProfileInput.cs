namespace Dashboard.Jobs.Settings;

/// <summary>
/// What an owner submits for the business profile. <see cref="Validate"/> names every bad
/// field with its rule, so a form or an API client can show all problems at once.
/// </summary>
public sealed record BusinessProfileInput
{
    public const decimal MinSlo = 90m;
    public const decimal MaxSlo = 99.999m;

    /// <summary>The largest monthly amount (MRR, infrastructure spend): below 1e11, inside the column's numeric(14,2).</summary>
    public const decimal MaxMonthlyUsd = 99_999_999_999.99m;

    /// <summary>The largest revenue per conversion: the column is numeric(12,2).</summary>
    public const decimal MaxPerConversionUsd = 9_999_999_999.99m;

    public decimal MonthlyRecurringRevenueUsd { get; init; }
    public int ActiveUsers { get; init; }
    public decimal MonthlyInfraSpendUsd { get; init; }
    public decimal SloTargetPercent { get; init; } = 99.9m;
    public int? ConversionBaselineLatencyMs { get; init; }
    public decimal? RevenuePerConversionUsd { get; init; }

    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (MonthlyRecurringRevenueUsd < 0)
        {
            Add(nameof(MonthlyRecurringRevenueUsd), $"MRR must be zero or more (got {MonthlyRecurringRevenueUsd}).");
        }
        else if (MonthlyRecurringRevenueUsd > MaxMonthlyUsd)
        {
            Add(nameof(MonthlyRecurringRevenueUsd), "MRR must be less than $100,000,000,000 per month.");
        }
        if (ActiveUsers < 0)
        {
            Add(nameof(ActiveUsers), $"Active users must be zero or more (got {ActiveUsers}).");
        }
        if (MonthlyInfraSpendUsd < 0)
        {
            Add(nameof(MonthlyInfraSpendUsd), $"Monthly infrastructure spend must be zero or more (got {MonthlyInfraSpendUsd}).");
        }
        else if (MonthlyInfraSpendUsd > MaxMonthlyUsd)
        {
            Add(nameof(MonthlyInfraSpendUsd), "Monthly infrastructure spend must be less than $100,000,000,000.");
        }
        if (SloTargetPercent is < MinSlo or > MaxSlo)
        {
            Add(nameof(SloTargetPercent), $"SLO must be between 90 % and 99.999 % (got {SloTargetPercent} %).");
        }
        if (ConversionBaselineLatencyMs is <= 0 or > 60_000)
        {
            Add(nameof(ConversionBaselineLatencyMs), $"Conversion baseline latency must be between 1 ms and 60,000 ms (got {ConversionBaselineLatencyMs} ms).");
        }
        if (RevenuePerConversionUsd is < 0)
        {
            Add(nameof(RevenuePerConversionUsd), $"Revenue per conversion must be zero or more (got {RevenuePerConversionUsd}).");
        }
        else if (RevenuePerConversionUsd > MaxPerConversionUsd)
        {
            Add(nameof(RevenuePerConversionUsd), "Revenue per conversion must be less than $10,000,000,000.");
        }
        return errors;
    }
}
