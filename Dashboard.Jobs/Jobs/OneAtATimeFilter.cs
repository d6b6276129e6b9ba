using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Server;
using Npgsql;

namespace Dashboard.Jobs.Jobs;

/// <summary>
/// Enforces <see cref="OneAtATimeAttribute"/>: before the job runs, takes a session advisory lock
/// (key: a hash of "Type.Method") on a connection of its own to the primary and holds it until the
/// job ends. A worker killed mid-run loses its connection and with it the lock, so the run Hangfire
/// hands to another worker starts at once instead of waiting for a lock nobody will release.
/// </summary>
public sealed class OneAtATimeFilter(string primaryConnectionString) : IServerFilter
{
    private const string Item = "dashboard.one-at-a-time";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public void OnPerforming(PerformingContext context)
    {
        if (context.BackgroundJob.Job.Method.GetCustomAttribute<OneAtATimeAttribute>() is not { } attribute)
        {
            return;
        }
        var resource = $"{context.BackgroundJob.Job.Type.FullName}.{context.BackgroundJob.Job.Method.Name}";
        var key = KeyOf(resource);
        var connection = new NpgsqlConnection(primaryConnectionString);
        try
        {
            connection.Open();
            var deadline = DateTime.UtcNow + attribute.Timeout;
            while (!TryLock(connection, key))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new TimeoutException($"Another worker has been running '{resource}' for longer than {attribute.Timeout}; this run gave up waiting.");
                }
                context.CancellationToken.ShutdownToken.WaitHandle.WaitOne(Poll);
                context.CancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        context.Items[Item] = (connection, key);
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(Item, out var held) || held is not (NpgsqlConnection connection, long key))
        {
            return;
        }
        context.Items.Remove(Item);
        using (connection)
        {
            using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", key);
            unlock.ExecuteScalar();
        }
    }

    private static bool TryLock(NpgsqlConnection connection, long key)
    {
        using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        return command.ExecuteScalar() is true;
    }

    /// <summary>A stable 64-bit key per job method (the same in every process and every release).</summary>
    public static long KeyOf(string resource) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("hangfire-job:" + resource)), 0);
}
