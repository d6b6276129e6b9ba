using Dashboard.Domain.Catalog;

namespace Dashboard.Domain.Advice;

/// <summary>One step of the decision path, its status for this deployment, and why.</summary>
/// <param name="Step">The step (with its cost and expected gains).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Evidence">The signals behind the status.</param>
public sealed record StepAssessment(DecisionStep Step, StepStatus Status, IReadOnlyList<Evidence> Evidence)
{
    /// <summary>The strategy-table row whose read/write gains the step brings, if any.</summary>
    public ScalingStrategy? ExpectedGains => Step.Strategy is { } id ? ScalingStrategyCatalog.Get(id) : null;
}
