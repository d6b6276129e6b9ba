using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage.Primary;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Jobs.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// Write context on the primary, read context on the replica (multi-host, prefer-standby,
    /// falling back to the primary), the start-up migrator and the observation store.
    /// </summary>
    public static IHostApplicationBuilder AddDashboardStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PrimaryStatus>();
        builder.Services.AddSingleton<PrimaryFailureInterceptor>();
        builder.Services.AddHostedService<PrimaryProbe>();
        builder.Services.AddDbContextFactory<DashboardDbContext>((sp, o) => o
            .UseNpgsql(Storage(sp).Primary, n => n.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<PrimaryFailureInterceptor>()));
        // While the primary is unreachable, "the primary" is the replica, read-only (docs/decisions/028).
        builder.Services.Replace(ServiceDescriptor.Singleton<IDbContextFactory<DashboardDbContext>, PrimaryOrReplicaContextFactory>());
        builder.Services.Replace(ServiceDescriptor.Scoped(sp => sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext()));
        builder.Services.AddDbContextFactory<ReadDbContext>((sp, o) => o
            // Reads are safe to retry: a retry after the replica dies goes to the primary.
            .UseNpgsql(Storage(sp).ReadConnectionString, n => n.EnableRetryOnFailure(3, TimeSpan.FromMilliseconds(200), null))
            .UseSnakeCaseNamingConvention()
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));

        builder.Services.AddSingleton<DatabaseMigrator>();

        // The long-history observation store (singletons: they cache series ids and known partitions).
        builder.Services.AddSingleton<ObservationStoreDataSource>();
        builder.Services.AddSingleton<PartitionMaintenance>();
        builder.Services.AddSingleton<ObservationWriter>();
        builder.Services.AddSingleton<ObservationRollups>();
        builder.Services.AddSingleton<ObservationHistory>();

        // Each series' current reading (series_state): written by the ingest passes, read by every view.
        builder.Services.AddSingleton<RecentReads>();
        builder.Services.AddSingleton<Readings.SeriesStateStore>();
        builder.Services.AddSingleton<Readings.ReadingService>();
        return builder;
    }

    private static StorageOptions Storage(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value;
}
