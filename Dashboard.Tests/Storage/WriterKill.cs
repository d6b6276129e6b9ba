using Dashboard.Jobs.Ingest;
using Dashboard.Tests.Infrastructure;
using Npgsql;

namespace Dashboard.Tests.Storage;

/// <summary>
/// Kills a writer mid-batch, deterministically: an open transaction of the test holds one point
/// of the batch (uncommitted), so the writer's INSERT stores the points before it, then waits on
/// that row; the test then terminates the writer's backend, as a killed worker would leave it.
/// </summary>
internal sealed class WriterKill : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly int pid;
    private readonly DashboardAppFactory app;

    private WriterKill(DashboardAppFactory app, NpgsqlConnection connection, NpgsqlTransaction transaction, int pid)
    {
        this.app = app;
        this.connection = connection;
        this.transaction = transaction;
        this.pid = pid;
    }

    /// <summary>Holds <paramref name="point"/> (its series must exist) in an open transaction.</summary>
    public static async Task<WriterKill> HoldAsync(DashboardAppFactory app, Observation point)
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
        return new WriterKill(app, connection, transaction, connection.ProcessID);
    }

    /// <summary>Waits until a writer is blocked behind the held point, and terminates it.</summary>
    public async Task KillBlockedWriterAsync()
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
        await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", watcher);
        kill.Parameters.AddWithValue("pid", blocked!.Value);
        Assert.True((bool)(await kill.ExecuteScalarAsync())!);
    }

    /// <summary>Lets go of the held point without storing it.</summary>
    public async ValueTask DisposeAsync()
    {
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
