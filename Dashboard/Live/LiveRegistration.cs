using Dashboard.Auth;
using Dashboard.Hosting;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Settings;

namespace Dashboard.Live;

internal static class LiveRegistration
{
    public static IHostApplicationBuilder AddDashboardLive(this IHostApplicationBuilder builder)
    {
        var dashboard = builder.Configuration.Read<DashboardOptions>(DashboardOptions.Section);
        var redis = builder.Configuration.Read<StorageOptions>("ConnectionStrings").Redis;
        var live = builder.Configuration.GetSection(LiveOptions.Section).Get<LiveOptions>()
            ?? new LiveOptions { RedisBackplane = dashboard.Role != HostRole.Both && !string.IsNullOrWhiteSpace(redis) };
        if (string.IsNullOrWhiteSpace(redis))
        {
            live.RedisBackplane = false;
        }
        builder.Services.AddSingleton(live);
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddSingleton<GaugeSnapshotBuilder>();
        builder.Services.AddSingleton<IGaugePublisher, HubGaugePublisher>();

        var signalR = builder.Services.AddSignalR();
        if (live.RedisBackplane)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("dashboard-signalr"));
            if (dashboard.RunsWeb)
            {
                builder.Services.AddHostedService<RedisGaugeRelay>();
            }
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapDashboardLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<SaturationHub>(SaturationHub.Path).RequireAuthorization(Policies.Overview);
        return app;
    }
}
