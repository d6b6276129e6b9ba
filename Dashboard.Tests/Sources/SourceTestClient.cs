using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Sources;

/// <summary>A source client built by its real registration (resilience pipeline included), with test options.</summary>
internal abstract class SourceTestClient<TOptions, TClient> : IDisposable
    where TOptions : class
    where TClient : notnull
{
    private readonly IHost host;

    protected SourceTestClient(Action<IHostApplicationBuilder> register, Action<TOptions> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.Configure(configure);
        register(builder);
        host = builder.Build();
        Client = host.Services.GetRequiredService<TClient>();
    }

    public TClient Client { get; }

    public void Dispose() => host.Dispose();
}
