using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// A TCP forwarder on a loopback port in front of a real server. <see cref="Cut"/> drops every open connection and
/// refuses new ones (what clients see when the server's host goes away); <see cref="Restore"/> listens again on the
/// same port. A real network fault against the real database, without stopping a server other tests share.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly ConcurrentDictionary<Guid, (TcpClient Client, TcpClient Server)> links = new();
    private readonly Lock gate = new();
    private TcpListener? listener;
    private CancellationTokenSource accepting = new();

    public TcpFaultProxy(IPAddress targetAddress, int targetPort)
    {
        target = new IPEndPoint(targetAddress, targetPort);
        Port = Listen(0);
    }

    /// <summary>The loopback port clients connect to instead of the server's.</summary>
    public int Port { get; }

    public bool IsCut { get; private set; }

    public void Cut()
    {
        lock (gate)
        {
            IsCut = true;
            accepting.Cancel();
            listener?.Stop();
            listener = null;
            foreach (var (id, link) in links)
            {
                Close(link);
                links.TryRemove(id, out _);
            }
        }
    }

    public void Restore()
    {
        lock (gate)
        {
            if (listener is not null)
            {
                return;
            }
            accepting = new CancellationTokenSource();
            Listen(Port);
            IsCut = false;
        }
    }

    private int Listen(int port)
    {
        var next = new TcpListener(IPAddress.Loopback, port);
        // The port is taken again right after the cut, while the dropped connections sit in TIME_WAIT.
        next.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        next.Start();
        listener = next;
        _ = AcceptAsync(next, accepting.Token);
        return ((IPEndPoint)next.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener from, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await from.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var server = new TcpClient();
        var id = Guid.NewGuid();
        try
        {
            client.NoDelay = true;
            server.NoDelay = true;
            await server.ConnectAsync(target, cancellationToken);
            links[id] = (client, server);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            var up = client.GetStream().CopyToAsync(server.GetStream(), cancellationToken);
            var down = server.GetStream().CopyToAsync(client.GetStream(), cancellationToken);
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut, or one side closed: both sides are closed below.
        }
        finally
        {
            links.TryRemove(id, out _);
            Close((client, server));
        }
    }

    private static void Close((TcpClient Client, TcpClient Server) link)
    {
        // Reset, not a polite close: the peer must see the connection die, as with a lost host.
        foreach (var end in new[] { link.Client, link.Server })
        {
            try
            {
                // Null once the forwarding side has closed it already.
                if (end.Client is { } socket)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed.
            }
        }
        link.Client.Dispose();
        link.Server.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        accepting.Dispose();
        return ValueTask.CompletedTask;
    }
}
