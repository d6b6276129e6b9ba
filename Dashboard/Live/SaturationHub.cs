using Dashboard.Auth;
using Dashboard.Jobs.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Live;

/// <summary>What a connected client receives.</summary>
public interface ISaturationClient
{
    /// <summary>Every gauge of one ingest pass, filtered for the client's role.</summary>
    Task Snapshots(GaugeBatch batch);
}

/// <summary>
/// /hubs/saturation: live gauges for wall screens and scripts. Sign-in required (cookie, or a
/// bearer token; browsers' WebSockets pass it as access_token). Each connection joins the group
/// of its role's view, so a designer's connection never carries gauges it may not see.
/// </summary>
[Authorize(Policy = Policies.Overview)]
public sealed class SaturationHub(Jobs.Readings.ReadingService readings) : Hub<ISaturationClient>
{
    public const string Path = "/hubs/saturation";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GaugeVisibility.GroupFor(Context.User!));
        await base.OnConnectedAsync();
    }

    /// <summary>The stored readings at once (the same on every instance), so a new client does not wait for the next ingest.</summary>
    public async Task<GaugeBatch?> GetLatest() =>
        await readings.GetGaugesAsync(Context.ConnectionAborted) is { } latest ? GaugeVisibility.For(Context.User!, latest) : null;
}
