namespace Dashboard.Domain.Business;

/// <summary>Which burn-rate tiers fire now, and the most urgent of them.</summary>
/// <param name="Firing">The firing tiers, in policy order.</param>
public sealed record BurnRateAssessment(IReadOnlyList<BurnRateTier> Firing)
{
    /// <summary>Page when any page tier fires, else ticket when a ticket tier fires, else null.</summary>
    public AlertUrgency? Urgency =>
        Firing.Any(t => t.Urgency == AlertUrgency.Page) ? AlertUrgency.Page
        : Firing.Count > 0 ? AlertUrgency.Ticket
        : null;
}
