using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage.Primary;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Jobs.Storage;

/// <summary>
/// Raw Npgsql connections to the primary for what EF does not do: binary COPY, partition DDL,
/// set-based rollups. Built on first use, so a connection string overridden late still counts.
/// Its pool is emptied whenever the primary is lost or found again (<see cref="PrimaryStatus.Changed"/>):
/// <see cref="NpgsqlConnection.ClearAllPools"/> does not reach a data source's own pool, and a pooled
/// connection from before an outage fails its first write with a broken pipe.
/// </summary>
public sealed class ObservationStoreDataSource : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> source;
    private readonly PrimaryStatus primary;

    public ObservationStoreDataSource(IOptions<StorageOptions> options, PrimaryStatus primary)
    {
        source = new(() => NpgsqlDataSource.Create(options.Value.Primary));
        this.primary = primary;
        primary.Changed += ClearPool;
    }

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        source.Value.OpenConnectionAsync(cancellationToken);

    private void ClearPool()
    {
        if (source.IsValueCreated)
        {
            source.Value.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        primary.Changed -= ClearPool;
        if (source.IsValueCreated)
        {
            await source.Value.DisposeAsync();
        }
    }
}
