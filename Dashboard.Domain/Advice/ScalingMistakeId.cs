namespace Dashboard.Domain.Advice;

/// <summary>The common scaling mistakes of the chapter's table.</summary>
public enum ScalingMistakeId
{
    /// <summary>Sharding at around 1K users.</summary>
    ShardingTooEarly,

    /// <summary>No caching layer.</summary>
    NoCacheLayer,

    /// <summary>Kubernetes at seed stage.</summary>
    KubernetesAtSeedStage,

    /// <summary>No monitoring until an outage.</summary>
    NoMonitoring,

    /// <summary>Manual deployments.</summary>
    ManualDeployments,

    /// <summary>A single point of failure.</summary>
    SinglePointOfFailure,
}
