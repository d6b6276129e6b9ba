using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Dashboard.Hosting;

/// <summary>
/// How long the server keeps a page's state after its connection drops (section "Circuits"; decision 035).
/// A dropped page that comes back within the retention resumes where it was; after it, the page reloads.
/// Every retained circuit holds its page's memory, so the defaults are shorter than Blazor's (3 min, 100).
/// </summary>
public sealed class CircuitSettings
{
    public const string Section = "Circuits";

    /// <summary>How long a disconnected page is kept for its reconnect (default 1 minute; 0 to 1 hour).</summary>
    public TimeSpan DisconnectedRetention { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many disconnected pages are kept; the oldest go first (default 100; 0 to 10,000).</summary>
    public int MaxDisconnected { get; set; } = 100;

    /// <summary>
    /// Render updates a page may have in flight before the server waits for its browser to confirm one (default 2;
    /// 1 to 100; Blazor's own default is 10). A slow or throttled browser (a background tab, a phone on a weak
    /// network) holds at most this many updates in server memory; the next update then carries the latest state
    /// (decision 035).
    /// </summary>
    public int MaxUnacknowledgedBatches { get; set; } = 2;

    /// <summary>
    /// How a page's WebSocket is compressed (default <see cref="WebSocketCompression.PerMessage"/>).
    /// Blazor's own default keeps a deflate context for the life of the connection (about 300 KB of
    /// native memory per open page) to compress across messages; a render batch or a live-gauge update
    /// is a few hundred bytes to a few KB, so compressing each message on its own keeps most of the saving
    /// without holding that memory between messages (decision 035).
    /// </summary>
    public WebSocketCompression WebSocketCompression { get; set; } = WebSocketCompression.PerMessage;

    internal static void Register(IServiceCollection services)
    {
        services.AddOptions<CircuitSettings>().BindConfiguration(Section)
            .Validate(o => o.DisconnectedRetention >= TimeSpan.Zero && o.DisconnectedRetention <= TimeSpan.FromHours(1),
                "Circuits:DisconnectedRetention must be between 00:00:00 and 01:00:00.")
            .Validate(o => o.MaxDisconnected is >= 0 and <= 10_000,
                "Circuits:MaxDisconnected must be between 0 and 10000.")
            .Validate(o => o.MaxUnacknowledgedBatches is >= 1 and <= 100,
                "Circuits:MaxUnacknowledgedBatches must be between 1 and 100.")
            .Validate(o => Enum.IsDefined(o.WebSocketCompression),
                "Circuits:WebSocketCompression must be Off, PerMessage or Context.")
            .ValidateOnStart();
        services.AddOptions<CircuitOptions>().Configure<IOptions<CircuitSettings>>((circuits, settings) =>
        {
            circuits.DisconnectedCircuitRetentionPeriod = settings.Value.DisconnectedRetention;
            circuits.DisconnectedCircuitMaxRetained = settings.Value.MaxDisconnected;
            circuits.MaxBufferedUnacknowledgedRenderBatches = settings.Value.MaxUnacknowledgedBatches;
        });
    }

    /// <summary>The page endpoint's WebSocket as <see cref="WebSocketCompression"/> says (the CSP's frame-ancestors comes from <see cref="SecurityHeaders"/>).</summary>
    internal static void ConfigureEndpoint(ServerComponentsEndpointOptions endpoint, CircuitSettings settings)
    {
        // The app sends its own Content-Security-Policy (frame-ancestors 'none') on every page.
        endpoint.ContentSecurityFrameAncestorsPolicy = null;
        endpoint.ConfigureWebSocketAcceptContext = settings.WebSocketCompression switch
        {
            WebSocketCompression.Off => (_, accept) => { accept.DangerousEnableCompression = false; return Task.CompletedTask; },
            WebSocketCompression.PerMessage => (_, accept) =>
            {
                accept.DangerousEnableCompression = true;
                accept.DisableServerContextTakeover = true;
                return Task.CompletedTask;
            },
            _ => (_, accept) => { accept.DangerousEnableCompression = true; return Task.CompletedTask; },
        };
    }
}

/// <summary>How the pages' WebSockets are compressed.</summary>
public enum WebSocketCompression
{
    /// <summary>Not compressed: no deflate memory, more bytes on the wire.</summary>
    Off,

    /// <summary>Each message compressed on its own; no deflate state kept between messages.</summary>
    PerMessage,

    /// <summary>Blazor's default: one deflate context per connection, kept while the page is open.</summary>
    Context,
}
