using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Sources.Prometheus;

/// <summary>
/// A real HTTP server on a loopback port that answers every request with <paramref name="handler"/>,
/// for what a real Prometheus will not do on demand: fail transiently, hang, or demand credentials.
/// </summary>
internal sealed class LocalHttpServer(Func<HttpContext, int, Task> handler) : IAsyncDisposable
{
    private WebApplication? app;
    private int requests;

    public string Url { get; private set; } = "";

    /// <summary>Requests seen so far.</summary>
    public int Requests => Volatile.Read(ref requests);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(ctx => handler(ctx, Interlocked.Increment(ref requests)));
        await app.StartAsync();
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    /// <summary>Answers <paramref name="ctx"/> with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public static async Task Respond(HttpContext ctx, int status, string body, string contentType = "application/json")
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        await ctx.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await app.StopAsync(stopping.Token);
            await app.DisposeAsync();
        }
    }
}
