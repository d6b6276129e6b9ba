using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.Hosting;

internal static class CacheRegistration
{
    /// <summary>
    /// HybridCache: in-process L1 plus Redis L2. One multiplexer (abortConnect=false) serves the
    /// cache, the SignalR backplane and the health check; when Redis is down the app starts and
    /// HybridCache falls back to L1 and the factory, and the multiplexer reconnects by itself.
    /// </summary>
    public static IHostApplicationBuilder AddDashboardCache(this IHostApplicationBuilder builder)
    {
        var storage = builder.Configuration.Read<StorageOptions>("ConnectionStrings");
        if (!string.IsNullOrWhiteSpace(storage.Redis))
        {
            builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
            {
                var redis = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Redis);
                redis.AbortOnConnectFail = false;
                // While Redis is down, fail at once and let HybridCache serve L1 and the database,
                // instead of queueing commands for seconds and making pages wait.
                redis.BacklogPolicy = BacklogPolicy.FailFast;
                redis.AsyncTimeout = Math.Min(redis.AsyncTimeout, 2000);
                redis.SyncTimeout = Math.Min(redis.SyncTimeout, 2000);
                redis.ClientName ??= "dashboard";
                return ConnectionMultiplexer.Connect(redis);
            });
            builder.Services.AddStackExchangeRedisCache(o => o.InstanceName = "dashboard:");
            builder.Services.AddOptions<RedisCacheOptions>()
                .Configure<IConnectionMultiplexer>((o, multiplexer) => o.ConnectionMultiplexerFactory = () => Task.FromResult(multiplexer));
        }
        builder.Services.AddHybridCache(o =>
        {
            // The stored forecasts (every series' points) pass the 1 MB default at about 15 series; an entry
            // over the limit is not cached at all and logs an error on every miss.
            o.MaximumPayloadBytes = 16 * 1024 * 1024;
            o.DefaultEntryOptions = new Microsoft.Extensions.Caching.Hybrid.HybridCacheEntryOptions
            {
                Expiration = TimeSpan.FromSeconds(30),
                LocalCacheExpiration = TimeSpan.FromSeconds(10),
            };
        });
        return builder;
    }
}
