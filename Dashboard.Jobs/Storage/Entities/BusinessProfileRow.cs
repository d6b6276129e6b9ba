namespace Dashboard.Jobs.Storage.Entities;

/// <summary>
/// The single business profile of this deployment (one row, id 1). Revenue columns
/// (MRR, revenue per conversion) are owner-only everywhere they are read.
/// </summary>
public sealed class BusinessProfileRow
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public decimal MonthlyRecurringRevenueUsd { get; set; }
    public int ActiveUsers { get; set; }
    public decimal MonthlyInfraSpendUsd { get; set; }
    public decimal SloTargetPercent { get; set; } = 99.9m;
    public int? ConversionBaselineLatencyMs { get; set; }
    public decimal? RevenuePerConversionUsd { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public uint Version { get; set; }
}
