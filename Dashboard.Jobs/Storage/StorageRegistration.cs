using Dashboard.Jobs.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Jobs.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// Write context on the primary, read context on the replica (multi-host, prefer-standby,
    /// falling back to the primary), and the start-up migrator.
    /// </summary>
    public static IHostApplicationBuilder AddDashboardStorage(this IHostApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection("ConnectionStrings").Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.AddSingleton(storage);

        builder.Services.AddDbContextFactory<DashboardDbContext>(o => o
            .UseNpgsql(storage.Primary, n => n.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention());
        builder.Services.AddDbContextFactory<ReadDbContext>(o => o
            .UseNpgsql(storage.ReadConnectionString)
            .UseSnakeCaseNamingConvention()
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));

        builder.Services.AddSingleton<DatabaseMigrator>();
        return builder;
    }
}
