using Dashboard.Jobs.Settings;
using Dashboard.Services;

namespace Dashboard.Components.Settings;

/// <summary>The business profile as a form edits it (Settings and setup); converted to the validated input record on save.</summary>
public sealed class BusinessProfileForm
{
    public decimal MonthlyRecurringRevenueUsd { get; set; }
    public int ActiveUsers { get; set; }
    public decimal MonthlyInfraSpendUsd { get; set; }
    public decimal SloTargetPercent { get; set; }
    public int? ConversionBaselineLatencyMs { get; set; }
    public decimal? RevenuePerConversionUsd { get; set; }

    public static BusinessProfileForm From(BusinessProfileView p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            MonthlyRecurringRevenueUsd = p.MonthlyRecurringRevenueUsd ?? 0,
            ActiveUsers = p.ActiveUsers,
            MonthlyInfraSpendUsd = p.MonthlyInfraSpendUsd,
            SloTargetPercent = p.SloTargetPercent,
            ConversionBaselineLatencyMs = p.ConversionBaselineLatencyMs,
            RevenuePerConversionUsd = p.RevenuePerConversionUsd,
        };
    }

    public BusinessProfileInput ToInput() => new()
    {
        MonthlyRecurringRevenueUsd = MonthlyRecurringRevenueUsd,
        ActiveUsers = ActiveUsers,
        MonthlyInfraSpendUsd = MonthlyInfraSpendUsd,
        SloTargetPercent = SloTargetPercent,
        ConversionBaselineLatencyMs = ConversionBaselineLatencyMs,
        RevenuePerConversionUsd = RevenuePerConversionUsd,
    };

    /// <summary>
    /// A field's check by the rules the API applies, so the message names the field and the rule. The value being
    /// typed is not in the model yet: the profile is checked as it would be with it.
    /// </summary>
    public Func<TValue, string?> Rule<TValue>(string field) => value =>
    {
        var current = ToInput();
        var candidate = field switch
        {
            nameof(BusinessProfileInput.MonthlyRecurringRevenueUsd) => current with { MonthlyRecurringRevenueUsd = (decimal?)(object?)value ?? 0 },
            nameof(BusinessProfileInput.ActiveUsers) => current with { ActiveUsers = (int?)(object?)value ?? 0 },
            nameof(BusinessProfileInput.MonthlyInfraSpendUsd) => current with { MonthlyInfraSpendUsd = (decimal?)(object?)value ?? 0 },
            nameof(BusinessProfileInput.SloTargetPercent) => current with { SloTargetPercent = (decimal?)(object?)value ?? 0 },
            nameof(BusinessProfileInput.ConversionBaselineLatencyMs) => current with { ConversionBaselineLatencyMs = (int?)(object?)value },
            nameof(BusinessProfileInput.RevenuePerConversionUsd) => current with { RevenuePerConversionUsd = (decimal?)(object?)value },
            _ => current,
        };
        return candidate.Validate().TryGetValue(field, out var errors) ? errors[0] : null;
    };
}
