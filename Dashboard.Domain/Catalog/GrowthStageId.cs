namespace Dashboard.Domain.Catalog;

/// <summary>The five growth stages, in order of size.</summary>
public enum GrowthStageId
{
    /// <summary>0-100 users.</summary>
    Mvp,

    /// <summary>100-1K users.</summary>
    EarlyTraction,

    /// <summary>1K-10K users.</summary>
    Growth,

    /// <summary>10K-100K users.</summary>
    Scale,

    /// <summary>100K+ users.</summary>
    AtScale,
}
