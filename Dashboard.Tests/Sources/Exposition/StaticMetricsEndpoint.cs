using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Sources.Exposition;

/// <summary>A real HTTP endpoint that always answers one fixed body with one content type.</summary>
internal sealed class StaticMetricsEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;

    private StaticMetricsEndpoint(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<StaticMetricsEndpoint> StartAsync(int port, string contentType, byte[] body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/metrics", () => Results.Bytes(body, contentType));
        await app.StartAsync();
        var address = app.Urls.First();
        return new StaticMetricsEndpoint(app, new Uri(new Uri(address), "/metrics"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
