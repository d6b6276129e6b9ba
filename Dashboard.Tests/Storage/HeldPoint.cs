using Dashboard.Jobs.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Tests.Infrastructure;
using Npgsql;

namespace Dashboard.Tests.Storage;

/// <summary>
/// Stops a writer mid-batch, deterministically: an open transaction of the test holds one point
/// of the batch (uncommitted), so the writer stores the points before it, then waits on that
/// row's key. The test then terminates the writer's backend (as a killed worker would leave it),
/// or commits the point (as a concurrent writer of the same point would).
/// </summary>
internal sealed class HeldPoint : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly int pid;
    private readonly DashboardAppFactory app;
    private bool committed;
    private bool killed;

    private HeldPoint(DashboardAppFactory app, NpgsqlConnection connection, NpgsqlTransaction transaction, int pid)
    {
        this.app = app;
        this.connection = connection;
        this.transaction = transaction;
        this.pid = pid;
    }

    /// <summary>Holds <paramref name="point"/> (its series must exist) in an open transaction.</summary>
    public static async Task<HeldPoint> HoldAsync(DashboardAppFactory app, Observation point)
    {
        var connection = await StoreFixture.OpenPrimaryAsync(app);
        var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO observations (series_id, ts, value)
            SELECT id, @ts, @value FROM series WHERE metric = @metric AND entity = @entity
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("ts", point.Timestamp.ToUniversalTime());
            insert.Parameters.AddWithValue("value", point.Value);
            insert.Parameters.AddWithValue("metric", point.Metric);
            insert.Parameters.AddWithValue("entity", point.Entity);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }
        return new HeldPoint(app, connection, transaction, connection.ProcessID);
    }

    /// <summary>Waits until a writer is blocked behind the held point; returns its backend's pid.</summary>
    public async Task<int> WaitForBlockedWriterAsync()
    {
        await using var watcher = await StoreFixture.OpenPrimaryAsync(app);
        async Task<int?> BlockedPid()
        {
            await using var find = new NpgsqlCommand(
                "SELECT pid FROM pg_stat_activity WHERE @holder = ANY(pg_blocking_pids(pid)) LIMIT 1", watcher);
            find.Parameters.AddWithValue("holder", pid);
            return await find.ExecuteScalarAsync() as int?;
        }
        var blocked = await Eventually.WaitForAsync(BlockedPid, p => p is not null, TimeSpan.FromSeconds(30), "a writer blocked behind the held point");
        return blocked!.Value;
    }

    /// <summary>Terminates the writer blocked behind the held point, as a killed worker would leave it.</summary>
    public async Task KillBlockedWriterAsync()
    {
        var blocked = await WaitForBlockedWriterAsync();
        await using var watcher = await StoreFixture.OpenPrimaryAsync(app);
        await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", watcher);
        kill.Parameters.AddWithValue("pid", blocked);
        Assert.True((bool)(await kill.ExecuteScalarAsync())!);
        killed = true;
    }

    /// <summary>Stores the held point, as a concurrent writer of the same point would.</summary>
    public async Task CommitAsync()
    {
        await transaction.CommitAsync();
        committed = true;
    }

    /// <summary>Lets go of the held point without storing it (unless committed).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!committed)
        {
            await transaction.RollbackAsync();
        }
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
        if (killed)
        {
            // A terminated backend is a failed primary connection: the app goes read-only until its probe
            // reaches the primary again (decision 028). The next test on the shared app must find it writable.
            var status = app.Services.GetRequiredService<Dashboard.Jobs.Storage.Primary.PrimaryStatus>();
            await Eventually.WaitForAsync(() => Task.FromResult(status.IsReadOnly), r => !r, TimeSpan.FromSeconds(30), "the app to be writable after the killed writer");
        }
    }
}
