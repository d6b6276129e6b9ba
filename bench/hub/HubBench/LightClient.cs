using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace HubBench;

/// <summary>
/// A lighter hub client than HubConnection, for 10,000 connections in one process on 2 cores:
/// one ClientWebSocket speaking the SignalR JSON protocol directly. Negotiation is skipped
/// (WebSockets only), the handshake is <c>{"protocol":"json","version":1}\u001e</c>, and of
/// each invocation only the target and the batch's <c>publishedAt</c> are read; the rest of the
/// payload is received but not deserialized. Pings are answered by <see cref="LightClients.PingAllAsync"/>
/// (the server closes a client it has not heard from for 30 s). Used for both hubs alike.
/// </summary>
public sealed class LightClient(int index, string group, LightRecorder recorder) : IDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    private static readonly byte[] SnapshotsTarget = Encoding.UTF8.GetBytes("\"target\":\"Snapshots\"");
    private static readonly byte[] PublishedAtCamel = Encoding.UTF8.GetBytes("\"publishedAt\":");
    private static readonly byte[] PublishedAtPascal = Encoding.UTF8.GetBytes("\"PublishedAt\":");
    private static readonly byte[] CloseType = Encoding.UTF8.GetBytes("\"type\":7");

    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private byte[] buffer = new byte[8192];
    private int filled;

    public int Index { get; } = index;

    /// <summary>The group whose batches this client should get (echo: "all"; dashboard: "full" or "designer").</summary>
    public string Group { get; } = group;

    /// <summary>Batches received whose publishedAt lies in the recording window.</summary>
    public int Received { get; private set; }

    /// <summary>Why the connection ended before the bench closed it (null while open).</summary>
    public string? ClosedBecause { get; private set; }

    public List<double> LatenciesMs { get; } = new(128);

    public async Task ConnectAsync(Uri url, HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // SignalR's own pings keep it alive
        await socket.ConnectAsync(url, invoker, cancellationToken);
        await socket.SendAsync(Handshake, WebSocketMessageType.Text, true, cancellationToken);
        // The handshake response: "{}\u001e", or {"error":"..."}.
        var response = await ReceiveMessageAsync(cancellationToken);
        var text = Encoding.UTF8.GetString(buffer, 0, response);
        if (!text.StartsWith("{}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("handshake refused: " + text);
        }
        filled = 0;
        _ = Task.Run(ReceiveLoopAsync, CancellationToken.None);
    }

    public async Task PingAsync()
    {
        if (socket.State != WebSocketState.Open)
        {
            return;
        }
        await sendGate.WaitAsync();
        try
        {
            await socket.SendAsync(Ping, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // the receive loop records the closure
        }
        finally
        {
            sendGate.Release();
        }
    }

    public void Abort()
    {
        ClosedBecause ??= "closed by the bench";
        socket.Abort();
    }

    public void Dispose()
    {
        Abort();
        socket.Dispose();
        sendGate.Dispose();
    }

    /// <summary>Reads one whole WebSocket message into <see cref="buffer"/>; returns its length (0 on close).</summary>
    private async Task<int> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var result = await socket.ReceiveAsync(buffer.AsMemory(filled), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return 0;
            }
            filled += result.Count;
            if (result.EndOfMessage)
            {
                return filled;
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var length = await ReceiveMessageAsync(CancellationToken.None);
                var receivedAt = DateTimeOffset.UtcNow;
                if (length == 0)
                {
                    ClosedBecause ??= "server closed the WebSocket: " + socket.CloseStatusDescription;
                    return;
                }
                var rest = buffer.AsSpan(0, length);
                while (rest.IndexOf(RecordSeparator) is var end and >= 0)
                {
                    var record = rest[..end];
                    rest = rest[(end + 1)..];
                    if (record.IndexOf(SnapshotsTarget) >= 0)
                    {
                        OnSnapshots(record, receivedAt);
                    }
                    else if (record.IndexOf(CloseType) >= 0)
                    {
                        ClosedBecause ??= "server sent Close: " + Encoding.UTF8.GetString(record);
                        return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            ClosedBecause ??= ex.GetType().Name + ": " + ex.Message;
        }
        finally
        {
            recorder.Closed(this);
        }
    }

    private void OnSnapshots(ReadOnlySpan<byte> record, DateTimeOffset receivedAt)
    {
        var at = record.IndexOf(PublishedAtCamel);
        if (at < 0)
        {
            at = record.IndexOf(PublishedAtPascal);
        }
        if (at < 0)
        {
            recorder.Malformed();
            return;
        }
        var value = record[(at + PublishedAtCamel.Length)..];
        var close = value[1..].IndexOf((byte)'"');
        var reader = new Utf8JsonReader(value[..(close + 2)]);
        if (!reader.Read() || !reader.TryGetDateTimeOffset(out var publishedAt))
        {
            recorder.Malformed();
            return;
        }
        if (recorder.InWindow(publishedAt, Group))
        {
            Received++;
            LatenciesMs.Add((receivedAt - publishedAt).TotalMilliseconds);
        }
    }
}
