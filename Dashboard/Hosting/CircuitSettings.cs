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

    internal static void Register(IServiceCollection services)
    {
        services.AddOptions<CircuitSettings>().BindConfiguration(Section)
            .Validate(o => o.DisconnectedRetention >= TimeSpan.Zero && o.DisconnectedRetention <= TimeSpan.FromHours(1),
                "Circuits:DisconnectedRetention must be between 00:00:00 and 01:00:00.")
            .Validate(o => o.MaxDisconnected is >= 0 and <= 10_000,
                "Circuits:MaxDisconnected must be between 0 and 10000.")
            .ValidateOnStart();
        services.AddOptions<CircuitOptions>().Configure<IOptions<CircuitSettings>>((circuits, settings) =>
        {
            circuits.DisconnectedCircuitRetentionPeriod = settings.Value.DisconnectedRetention;
            circuits.DisconnectedCircuitMaxRetained = settings.Value.MaxDisconnected;
        });
    }
}
