namespace Dashboard.Jobs.Live;

/// <summary>Hands a gauge batch to whoever shows it: the in-process feed, hub clients, other instances.</summary>
public interface IGaugePublisher
{
    Task PublishAsync(GaugeBatch batch, CancellationToken cancellationToken);
}
