namespace Dashboard.Jobs.Jobs;

/// <summary>
/// At most one run of this job method at a time across every worker process, waiting up to
/// <paramref name="timeoutInSeconds"/> for a run in progress. Unlike Hangfire's
/// DisableConcurrentExecution (a row in hangfire.lock that outlives a killed worker for
/// DistributedLockTimeout, 10 min), the lock is a PostgreSQL session advisory lock, which the
/// server drops the moment its holder's connection dies (<see cref="OneAtATimeFilter"/>;
/// docs/decisions/029-cluster-topology.md).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneAtATimeAttribute(int timeoutInSeconds) : Attribute
{
    public TimeSpan Timeout { get; } = TimeSpan.FromSeconds(timeoutInSeconds);
}
