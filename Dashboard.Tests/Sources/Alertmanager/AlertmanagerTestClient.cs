using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Alertmanager;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Sources.Alertmanager;

/// <summary>An <see cref="AlertmanagerClient"/> on the test stack's Alertmanager unless <c>configure</c> says otherwise.</summary>
internal sealed class AlertmanagerTestClient(Action<AlertmanagerOptions>? configure = null)
    : SourceTestClient<AlertmanagerOptions, AlertmanagerClient>(b => b.AddAlertmanagerSource(), o =>
    {
        o.Url = TestStack.Current.AlertmanagerUrl;
        configure?.Invoke(o);
    });
