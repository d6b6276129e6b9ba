using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Sources.Prometheus;

/// <summary>A <see cref="PrometheusClient"/> built by the real registration (resilience pipeline included), with test options.</summary>
internal sealed class PrometheusTestClient : IDisposable
{
    private readonly IHost host;

    public PrometheusTestClient(Action<PrometheusOptions>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.Configure<PrometheusOptions>(o =>
        {
            o.Url = TestStack.Current.PrometheusUrl;
            configure?.Invoke(o);
        });
        builder.AddPrometheusSource();
        host = builder.Build();
        Client = host.Services.GetRequiredService<PrometheusClient>();
    }

    public PrometheusClient Client { get; }

    public void Dispose() => host.Dispose();
}
