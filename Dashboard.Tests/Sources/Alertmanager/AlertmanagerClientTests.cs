using Dashboard.Jobs.Sources.Alertmanager;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Sources.Prometheus;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Tests.Sources.Prometheus.LocalHttpServer;

namespace Dashboard.Tests.Sources.Alertmanager;

/// <summary>
/// The client against the test stack's real Alertmanager, which the stack's Prometheus feeds with the
/// always-firing DashboardStackWatchdog alert (scripts/stack.sh), and against a local server for what
/// a real Alertmanager will not do on demand (fail, hang, demand a token).
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class AlertmanagerClientTests(DashboardAppFactory app)
{
    private const string Watchdog = "DashboardStackWatchdog";

    // Prometheus evaluates the rule every 2 s and (re)sends it every 5 s; a stack that was just started
    // or reloaded drops the first send while it discovers Alertmanager.
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(90);

    private static Task<IReadOnlyList<AlertmanagerAlert>> WaitForAsync(AlertmanagerClient client, Func<AlertmanagerAlert, bool> condition, string what) =>
        Eventually.WaitForAsync(
            () => client.GetActiveAlertsAsync(),
            alerts => alerts.Any(condition),
            ArrivalTimeout,
            what);

    [Fact]
    public async Task GetActiveAlerts_WatchdogFromPrometheus_ArrivesWithLabelsAndAnnotations()
    {
        using var alertmanager = new AlertmanagerTestClient();

        var alerts = await WaitForAsync(alertmanager.Client, a => a.Name == Watchdog, $"{Watchdog} in Alertmanager");

        var watchdog = Assert.Single(alerts, a => a.Name == Watchdog);
        Assert.Equal("none", watchdog.Labels["severity"]);
        Assert.Equal("dashboard-test", watchdog.Labels["stack"]);   // Prometheus' external label travels with the alert
        Assert.Contains("Always firing", watchdog.Annotations["summary"]);
        Assert.Matches("^[0-9a-f]{16}$", watchdog.Fingerprint);
        Assert.True(watchdog.StartsAt < watchdog.EndsAt, $"starts {watchdog.StartsAt:O}, ends {watchdog.EndsAt:O}");
        Assert.Contains("vector", watchdog.GeneratorUrl);
    }

    [Fact]
    public async Task CreateSilence_ForWatchdog_AlertShowsSilencedUntilExpired()
    {
        using var alertmanager = new AlertmanagerTestClient();
        var client = alertmanager.Client;
        var alerts = await WaitForAsync(client, a => a.Name == Watchdog, $"{Watchdog} in Alertmanager");
        var watchdog = alerts.Single(a => a.Name == Watchdog);
        var now = DateTimeOffset.UtcNow;

        var silenceId = await client.CreateSilenceAsync(AlertmanagerMatcher.ForAlert(watchdog), now, now.AddMinutes(10), "dashboard-tests", "silence test");
        try
        {
            Assert.Matches("^[0-9a-f-]{36}$", silenceId);
            var silenced = await WaitForAsync(client, a => a.Fingerprint == watchdog.Fingerprint && a.SilencedBy.Contains(silenceId), "the watchdog silenced");
            var muted = silenced.Single(a => a.Fingerprint == watchdog.Fingerprint);
            Assert.Equal(AlertmanagerAlertState.Suppressed, muted.State);
            Assert.True(muted.IsSilenced);
        }
        finally
        {
            await client.ExpireSilenceAsync(silenceId);
        }

        // Expired: the silence no longer mutes it (other tests see the watchdog active again).
        await WaitForAsync(client, a => a.Fingerprint == watchdog.Fingerprint && !a.SilencedBy.Contains(silenceId), "the watchdog no longer silenced");
    }

    [Fact]
    public async Task CreateSilence_EndBeforeStart_RejectedWithAlertmanagersMessage()
    {
        using var alertmanager = new AlertmanagerTestClient();
        var start = DateTimeOffset.UtcNow.AddHours(1);

        var error = await Assert.ThrowsAsync<AlertmanagerException>(() => alertmanager.Client.CreateSilenceAsync(
            [new AlertmanagerMatcher("alertname", Watchdog)], start, start.AddMinutes(-30), "dashboard-tests", "ends before it starts"));

        Assert.Equal(AlertmanagerException.Rejected, error.ErrorType);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("start time must be before end time", error.Error);
        Assert.Contains(TestStack.Current.AlertmanagerUrl + "/api/v2/silences", error.Message);
    }

    [Fact]
    public async Task CreateSilence_NoMatchers_RejectedWithAlertmanagersValidationMessage()
    {
        using var alertmanager = new AlertmanagerTestClient();
        var now = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<AlertmanagerException>(() =>
            alertmanager.Client.CreateSilenceAsync([], now, now.AddMinutes(5), "dashboard-tests", "matches nothing"));

        Assert.Equal(AlertmanagerException.Rejected, error.ErrorType);
        Assert.Contains("matchers", error.Error);
    }

    [Fact]
    public async Task GetActiveAlerts_Unreachable_ErrorNamesUrl()
    {
        using var alertmanager = new AlertmanagerTestClient(o => o.Url = "http://127.0.0.1:1");

        var error = await Assert.ThrowsAsync<AlertmanagerException>(() => alertmanager.Client.GetActiveAlertsAsync());

        Assert.Equal(AlertmanagerException.Unreachable, error.ErrorType);
        Assert.Contains("http://127.0.0.1:1/api/v2/alerts", error.Message);
    }

    [Fact]
    public async Task AnyCall_UrlEmpty_NotConfiguredError()
    {
        using var alertmanager = new AlertmanagerTestClient(o => o.Url = "");

        var error = await Assert.ThrowsAsync<AlertmanagerException>(() => alertmanager.Client.GetActiveAlertsAsync());

        Assert.False(alertmanager.Client.IsConfigured);
        Assert.Equal(AlertmanagerException.NotConfigured, error.ErrorType);
        Assert.Contains("Alertmanager:Url is empty", error.Message);
    }

    [Fact]
    public async Task CreateSilence_ServerNeverAnswers_TimeoutErrorNamesUrlAfterOneAttempt()
    {
        await using var server = new LocalHttpServer((ctx, _) => Task.Delay(Timeout.Infinite, ctx.RequestAborted));
        await server.StartAsync();
        using var alertmanager = new AlertmanagerTestClient(o =>
        {
            o.Url = server.Url;
            o.Timeout = TimeSpan.FromSeconds(1);
        });
        var now = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<AlertmanagerException>(() => alertmanager.Client.CreateSilenceAsync(
            [new AlertmanagerMatcher("alertname", Watchdog)], now, now.AddMinutes(5), "dashboard-tests", "hangs"));

        Assert.Equal(AlertmanagerException.Timeout, error.ErrorType);
        Assert.Contains(server.Url.TrimEnd('/') + "/api/v2/silences", error.Message);
        Assert.Contains("within 1 s", error.Message);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Calls_TransientServerError_ReadsRetriedWritesNot()
    {
        await using var server = new LocalHttpServer((ctx, _) => Respond(ctx, StatusCodes.Status503ServiceUnavailable, "busy", "text/plain"));
        await server.StartAsync();
        using var alertmanager = new AlertmanagerTestClient(o => o.Url = server.Url);
        var now = DateTimeOffset.UtcNow;

        var read = await Assert.ThrowsAsync<AlertmanagerException>(() => alertmanager.Client.GetActiveAlertsAsync());
        var readAttempts = server.Requests;
        var write = await Assert.ThrowsAsync<AlertmanagerException>(() => alertmanager.Client.CreateSilenceAsync(
            [new AlertmanagerMatcher("alertname", Watchdog)], now, now.AddMinutes(5), "dashboard-tests", "busy"));

        Assert.Equal(AlertmanagerException.BadResponse, read.ErrorType);
        Assert.Equal(503, read.StatusCode);
        Assert.Contains("HTTP 503", read.Error);
        Assert.Contains("busy", read.Error);
        Assert.Equal(1 + AlertmanagerSourceRegistration.ReadRetries, readAttempts);
        Assert.Equal(503, write.StatusCode);
        Assert.Equal(readAttempts + 1, server.Requests);
    }

    [Fact]
    public async Task GetActiveAlerts_NotApiJson_BadResponseWithBodyStart()
    {
        await using var server = new LocalHttpServer((ctx, _) => Respond(ctx, StatusCodes.Status200OK, "<html>sign in</html>", "text/html"));
        await server.StartAsync();
        using var alertmanager = new AlertmanagerTestClient(o => o.Url = server.Url);

        var error = await Assert.ThrowsAsync<AlertmanagerException>(() => alertmanager.Client.GetActiveAlertsAsync());

        Assert.Equal(AlertmanagerException.BadResponse, error.ErrorType);
        Assert.Contains("not Alertmanager API JSON", error.Error);
        Assert.Contains("<html>sign in", error.Error);
    }

    [Fact]
    public async Task GetActiveAlerts_BearerTokenConfigured_SendsIt()
    {
        await using var server = new LocalHttpServer((ctx, _) => ctx.Request.Headers.Authorization == "Bearer am-tok-1"
            ? Respond(ctx, StatusCodes.Status200OK, "[]")
            : Respond(ctx, StatusCodes.Status401Unauthorized, "Unauthorized", "text/plain"));
        await server.StartAsync();
        using var withToken = new AlertmanagerTestClient(o =>
        {
            o.Url = server.Url;
            o.BearerToken = "am-tok-1";
        });
        using var withoutToken = new AlertmanagerTestClient(o => o.Url = server.Url);

        var alerts = await withToken.Client.GetActiveAlertsAsync();
        var error = await Assert.ThrowsAsync<AlertmanagerException>(() => withoutToken.Client.GetActiveAlertsAsync());

        Assert.Empty(alerts);
        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task HostedApp_Client_ReadsTheStacksAlertmanager()
    {
        var client = app.Services.GetRequiredService<AlertmanagerClient>();

        var status = await client.GetStatusAsync();

        Assert.True(client.IsConfigured);
        Assert.Matches(@"^\d+\.\d+\.\d+", status.Version);
        Assert.Equal("disabled", status.ClusterStatus);   // the stack turns gossip off
    }
}
