using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Options;

namespace Dashboard.Services.Setup;

/// <summary>
/// Whether the deployment is set up: a Prometheus URL is in force (configuration, environment or the sources saved on
/// Settings). Derived, never stored, so saving a URL anywhere ends the first run at once.
/// </summary>
public sealed class SetupStatus(IOptionsMonitor<PrometheusOptions> prometheus)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(prometheus.CurrentValue.Url);
}
