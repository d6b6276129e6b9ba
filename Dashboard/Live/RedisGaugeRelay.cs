using System.Text.Json;
using Dashboard.Jobs.Live;
using StackExchange.Redis;

namespace Dashboard.Live;

/// <summary>
/// On web instances of a split deployment: batches published by a worker arrive on a Redis
/// channel and feed this instance's pages (its hub clients are served by the backplane).
/// </summary>
public sealed class RedisGaugeRelay(IConnectionMultiplexer redis, LiveFeed feed, ILogger<RedisGaugeRelay> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(HubGaugePublisher.Channel), (_, message) =>
        {
            try
            {
                if (JsonSerializer.Deserialize<GaugeBatch>(message.ToString(), LiveJson.Options) is { } batch)
                {
                    feed.Publish(batch);
                }
            }
            catch (JsonException ex)
            {
                logger.LogWarning(ex, "Ignored a malformed gauge batch on {Channel}", HubGaugePublisher.Channel);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) =>
        redis.GetSubscriber().UnsubscribeAsync(RedisChannel.Literal(HubGaugePublisher.Channel));
}
