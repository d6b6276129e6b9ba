namespace Dashboard.Domain.Catalog;

/// <summary>The four phases of the readiness checklist.</summary>
public enum ChecklistPhase
{
    /// <summary>Phase 1, Foundation (now).</summary>
    Foundation = 1,

    /// <summary>Phase 2, Growth-ready (before 1K users).</summary>
    GrowthReady = 2,

    /// <summary>Phase 3, Scale (before 10K users).</summary>
    Scale = 3,

    /// <summary>Phase 4, At scale (10K+ users).</summary>
    AtScale = 4,
}
