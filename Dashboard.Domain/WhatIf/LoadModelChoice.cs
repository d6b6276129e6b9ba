namespace Dashboard.Domain.WhatIf;

/// <summary>How a resource answers more load in the what-if (chosen per resource; built-ins use <see cref="Auto"/>).</summary>
public enum LoadModelChoice
{
    /// <summary>The built-in model of a catalog metric, picked from its id (docs/decisions/008).</summary>
    Auto,

    /// <summary>Scales in proportion to load (CPU, connections, bandwidth, pods).</summary>
    Linear,

    /// <summary>Today's use plus the forecast growth over the horizon, the growth scaled with load (disk, bucket size).</summary>
    Growth,

    /// <summary>Waits that rise as 1/(1 - u) of the bottleneck (latency, consumer lag).</summary>
    Queueing,

    /// <summary>Does not follow load (licence seats, availability); listed as not projected.</summary>
    NotLoadDriven,
}
