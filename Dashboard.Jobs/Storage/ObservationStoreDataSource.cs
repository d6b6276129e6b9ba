using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Jobs.Storage;

/// <summary>
/// Raw Npgsql connections to the primary for what EF does not do: binary COPY, partition DDL,
/// set-based rollups. Built on first use, so a connection string overridden late still counts.
/// </summary>
public sealed class ObservationStoreDataSource(IOptions<StorageOptions> options) : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> source = new(() => NpgsqlDataSource.Create(options.Value.Primary));

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        source.Value.OpenConnectionAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (source.IsValueCreated)
        {
            await source.Value.DisposeAsync();
        }
    }
}
