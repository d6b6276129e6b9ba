using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Sources.Prometheus;

/// <summary>A <see cref="PrometheusClient"/> on the test stack's Prometheus unless <c>configure</c> says otherwise.</summary>
internal sealed class PrometheusTestClient(Action<PrometheusOptions>? configure = null)
    : SourceTestClient<PrometheusOptions, PrometheusClient>(b => b.AddPrometheusSource(), o =>
    {
        o.Url = TestStack.Current.PrometheusUrl;
        configure?.Invoke(o);
    });
