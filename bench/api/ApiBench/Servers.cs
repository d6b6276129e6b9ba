using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ApiBench;

/// <summary>
/// The real Dashboard (its Program, every service and middleware: bearer tokens, authorization,
/// rate limiter, EF Core on the replica, HybridCache over Redis, the ingest jobs) on a real Kestrel
/// port, environment Production. Settings come from the environment the driver sets (stack file, demo mode).
/// </summary>
public sealed class DashboardServer : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment("Production");

    public static async Task RunAsync(int port)
    {
        using var server = new DashboardServer();
        server.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        server.StartServer();
        Console.WriteLine($"dashboard on http://127.0.0.1:{port}");
        await Task.Delay(Timeout.Infinite);
    }
}

/// <summary>
/// The bare peer: <c>WebApplication.CreateSlimBuilder</c>, one minimal-API endpoint per path returning
/// the bytes the dashboard answered at the start of the run. No auth, no middleware, no database.
/// </summary>
public static class BareServer
{
    public static async Task RunAsync(int port, string responses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/_bench/ready", () => "ok");
        foreach (var file in Directory.GetFiles(responses, "*.json"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var path = "/" + Path.GetFileNameWithoutExtension(file).Replace('_', '/');
            app.MapGet(path, () => Results.Bytes(bytes, "application/json; charset=utf-8"));
            Console.WriteLine($"bare {path}: {bytes.Length} bytes");
        }
        Console.WriteLine($"bare on http://127.0.0.1:{port}");
        await app.RunAsync();
    }
}
