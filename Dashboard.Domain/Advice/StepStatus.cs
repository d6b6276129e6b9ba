namespace Dashboard.Domain.Advice;

/// <summary>Where one decision-path step stands for a deployment.</summary>
public enum StepStatus
{
    /// <summary>Already in place (queries checked clean, cache present, replica present, ...).</summary>
    Done,

    /// <summary>The step to take now.</summary>
    AppliesNow,

    /// <summary>The signals point to it, but an earlier step comes first.</summary>
    IndicatedLater,

    /// <summary>The signals that decide it are known and do not call for it.</summary>
    NotIndicated,

    /// <summary>The signals that decide it are not measured.</summary>
    Unknown,
}
