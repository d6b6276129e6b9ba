using System.Text.Json;
using Dashboard.Jobs.Live;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Dashboard.Live;

/// <summary>
/// Publishes a gauge batch to this process's feed (Blazor pages) and to hub clients by role
/// group. With the Redis backplane on, hub sends reach clients of every web instance, and the
/// batch also goes out on a Redis channel so other instances' pages update too.
/// </summary>
public sealed class HubGaugePublisher(
    LiveFeed feed,
    IHubContext<SaturationHub, ISaturationClient> hub,
    LiveOptions options,
    IServiceProvider services) : IGaugePublisher
{
    public const string Channel = "dashboard:gauges";

    public async Task PublishAsync(GaugeBatch batch, CancellationToken cancellationToken)
    {
        feed.Publish(batch);
        // Both groups at once: the designers' batch does not wait for the slowest full-group client's write.
        await Task.WhenAll(
            hub.Clients.Group(GaugeVisibility.FullGroup).Snapshots(batch),
            hub.Clients.Group(GaugeVisibility.DesignerGroup).Snapshots(GaugeVisibility.ForDesigner(batch)));
        if (options.RedisBackplane && services.GetService<IConnectionMultiplexer>() is { } redis)
        {
            try
            {
                await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Channel), JsonSerializer.Serialize(batch, LiveJson.Options));
            }
            catch (RedisException)
            {
                // Other instances' pages miss one batch; hub clients got it through the backplane's own retry.
            }
        }
    }
}

/// <summary>Serializer settings shared by the Redis relay and tests.</summary>
public static class LiveJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
