namespace Dashboard.Jobs.Live;

/// <summary>
/// The in-process live feed: the latest gauge batch and disposable subscriptions. Blazor
/// components subscribe and re-render; the hub relay forwards to SignalR clients. Handlers run
/// on the publisher's thread, so they must only hand off (InvokeAsync / queue), never block.
/// </summary>
public sealed class LiveFeed
{
    private readonly Lock gate = new();
    private readonly List<Action<GaugeBatch>> handlers = [];

    public GaugeBatch? Latest { get; private set; }

    public IDisposable Subscribe(Action<GaugeBatch> handler)
    {
        lock (gate)
        {
            handlers.Add(handler);
        }
        return new Subscription(this, handler);
    }

    public void Publish(GaugeBatch batch)
    {
        Action<GaugeBatch>[] current;
        lock (gate)
        {
            // A late, older batch (e.g. from a slow backfill) never replaces a newer one.
            if (Latest is { } latest && latest.PublishedAt > batch.PublishedAt)
            {
                return;
            }
            Latest = batch;
            current = [.. handlers];
        }
        foreach (var handler in current)
        {
            handler(batch);
        }
    }

    private void Unsubscribe(Action<GaugeBatch> handler)
    {
        lock (gate)
        {
            handlers.Remove(handler);
        }
    }

    private sealed class Subscription(LiveFeed feed, Action<GaugeBatch> handler) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                feed.Unsubscribe(handler);
            }
        }
    }
}
