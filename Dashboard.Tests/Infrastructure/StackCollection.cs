namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Every test that touches the real services shares one app and runs one at a time, because
/// some of them stop and start services (fault injection). One app only: Hangfire keeps
/// process-wide state (job activator, logging), so two hosts in one process would cross wires.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<DashboardAppFactory>
{
    public const string Name = "stack";
}
