namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Every test that touches the real services shares one app and runs one at a time, because
/// some of them stop and start services (fault injection). The rate-limited second app lives
/// as long as the first: Hangfire keeps process-wide state that must not outlive its host.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<DashboardAppFactory>, ICollectionFixture<RateLimitedAppFactory>
{
    public const string Name = "stack";
}
