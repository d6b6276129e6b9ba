namespace Dashboard.Jobs.Settings;

/// <summary>The forecast job (section "Forecasting").</summary>
public sealed class ForecastingOptions
{
    public const string Section = "Forecasting";

    /// <summary>When the recurring forecast runs (Hangfire cron, UTC). Default: hourly at minute 7.</summary>
    public string Cron { get; set; } = "7 * * * *";

    /// <summary>How much history each fit reads (hourly rollups, from the replica).</summary>
    public int HistoryDays { get; set; } = 90;

    /// <summary>How far ahead forecasts go.</summary>
    public int HorizonDays { get; set; } = 90;

    /// <summary>Series with less history than this get "needs at least N days" instead of a forecast.</summary>
    public int MinimumHistoryDays { get; set; } = 7;

    /// <summary>Nominal coverage of the forecast band (0.5-0.99).</summary>
    public double IntervalLevel { get; set; } = 0.95;

    /// <summary>Series fitted in parallel; 0 = one per processor.</summary>
    public int MaxParallelism { get; set; }

    /// <summary>Every error in these settings, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Cron) || Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6))
        {
            errors.Add($"Forecasting:Cron must be a 5- or 6-field cron expression (got '{Cron}').");
        }
        if (HistoryDays is < 1 or > 1825)
        {
            errors.Add($"Forecasting:HistoryDays must be between 1 and 1825 (got {HistoryDays}).");
        }
        if (HorizonDays is < 1 or > 730)
        {
            errors.Add($"Forecasting:HorizonDays must be between 1 and 730 (got {HorizonDays}).");
        }
        if (MinimumHistoryDays < 1 || MinimumHistoryDays > HistoryDays)
        {
            errors.Add($"Forecasting:MinimumHistoryDays must be between 1 and Forecasting:HistoryDays ({HistoryDays}) (got {MinimumHistoryDays}).");
        }
        if (!(IntervalLevel >= 0.5 && IntervalLevel <= 0.99))
        {
            errors.Add($"Forecasting:IntervalLevel must be between 0.5 and 0.99 (got {IntervalLevel}).");
        }
        if (MaxParallelism is < 0 or > 256)
        {
            errors.Add($"Forecasting:MaxParallelism must be between 0 (one per processor) and 256 (got {MaxParallelism}).");
        }
        return errors;
    }
}
