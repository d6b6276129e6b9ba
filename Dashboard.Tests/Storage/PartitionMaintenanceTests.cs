using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Storage;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class PartitionMaintenanceTests(DashboardAppFactory app)
{
    [Fact]
    public async Task RunUpkeep_OldAndRecentPartitions_CreatesAheadDropsPastRetentionAndIsIdempotent()
    {
        var partitions = app.Services.GetRequiredService<PartitionMaintenance>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // Default retention is 400 days: 401 days ago goes, 399 days ago stays.
        var expired = today.AddDays(-401);
        var kept = today.AddDays(-399);
        await partitions.EnsureAsync([expired, kept], CancellationToken.None);

        var first = await partitions.RunUpkeepAsync(CancellationToken.None);
        var second = await partitions.RunUpkeepAsync(CancellationToken.None);

        var days = await partitions.ListAsync(CancellationToken.None);
        Assert.Contains(expired, first.Dropped);
        Assert.DoesNotContain(expired, days);
        Assert.Contains(kept, days);
        Assert.All(Enumerable.Range(-1, 9).Select(today.AddDays), d => Assert.Contains(d, days));
        Assert.Empty(second.Created);
        Assert.Empty(second.Dropped);
    }

    [Fact]
    public async Task EnsureAsync_Concurrently_CreatesEachPartitionOnce()
    {
        var partitions = app.Services.GetRequiredService<PartitionMaintenance>();
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-250);
        // Separate instances (as separate workers would be) have no shared cache to hide a race.
        var workers = Enumerable.Range(0, 4).Select(_ => ActivatorUtilities.CreateInstance<PartitionMaintenance>(app.Services)).ToList();

        await Task.WhenAll(workers.Select(w => w.EnsureAsync([day, day.AddDays(1)], CancellationToken.None)));

        var days = await partitions.ListAsync(CancellationToken.None);
        Assert.Single(days, d => d == day);
        Assert.Single(days, d => d == day.AddDays(1));
    }
}
