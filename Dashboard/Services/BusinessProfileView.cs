namespace Dashboard.Services;

/// <summary>
/// The business profile as one user may see it. Revenue fields are null for anyone but an
/// owner, and are left out of JSON then (not sent as null-valued hints).
/// </summary>
public sealed record BusinessProfileView
{
    public decimal? MonthlyRecurringRevenueUsd { get; init; }
    public decimal? RevenuePerConversionUsd { get; init; }
    public int ActiveUsers { get; init; }
    public decimal MonthlyInfraSpendUsd { get; init; }
    public decimal SloTargetPercent { get; init; }
    public int? ConversionBaselineLatencyMs { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string UpdatedBy { get; init; } = "";
    public bool IncludesRevenue { get; init; }
}
