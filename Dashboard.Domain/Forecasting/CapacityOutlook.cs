namespace Dashboard.Domain.Forecasting;

/// <summary>When one resource reaches its warning and critical levels.</summary>
/// <param name="Warning">The warning level's crossing.</param>
/// <param name="Critical">The critical level's crossing.</param>
public sealed record CapacityOutlook(ThresholdCrossing Warning, ThresholdCrossing Critical);
