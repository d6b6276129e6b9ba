namespace Dashboard.Domain.Advice;

/// <summary>The ordered decision path for a deployment.</summary>
/// <param name="Steps">All six steps in order, each with status and evidence.</param>
/// <param name="AlsoConsider">Strategies outside the path that the signals call for (connection pooling), with evidence.</param>
public sealed record DecisionPathAdvice(IReadOnlyList<StepAssessment> Steps, IReadOnlyList<StrategyAdvice> AlsoConsider)
{
    /// <summary>The step to take now, or null when nothing is indicated.</summary>
    public StepAssessment? Current => Steps.FirstOrDefault(s => s.Status == StepStatus.AppliesNow);

    /// <summary>The steps already in place.</summary>
    public IEnumerable<StepAssessment> Done => Steps.Where(s => s.Status == StepStatus.Done);
}
