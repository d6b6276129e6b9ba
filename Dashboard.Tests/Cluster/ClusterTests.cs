using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.E2E;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Npgsql;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// The cluster profile as users meet it (docs/decisions/029-cluster-topology.md): one process dies and
/// pages, API clients and jobs carry on through the others; what one instance does, the others see.
/// In the stack collection: other tests stop and start the shared services.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task WebServingAPage_Killed_PageComesBackOnTheOtherWeb_SignedInOnTheSameView()
    {
        await using var context = await Browser.NewContextAsync(cluster.Proxy);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        var engineer = cluster.User("engineer");
        await login.SignInAsync(engineer.Email, engineer.Password, "/engineer");
        await page.WaitForURLAsync("**/engineer");
        await login.WaitInteractiveAsync();
        var affinity = (await context.CookiesAsync()).Single(c => c.Name == "dashboard_affinity").Value;
        var serving = await cluster.UpstreamOfAsync(affinity);
        var other = ClusterFixture.Webs.Single(w => w != serving);
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Load += (_, _) => reloaded.TrySetResult();

        await cluster.RunAsync("kill", serving);
        try
        {
            // The circuit's reconnect reaches the other web, which does not know it: the page reloads there.
            await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(90));
            await login.WaitInteractiveAsync();

            Assert.EndsWith("/engineer", page.Url, StringComparison.Ordinal);
            await cluster.UpstreamOfAsync(affinity, other);
            await Assertions.Expect(page.Locator("#email")).ToHaveCountAsync(0);
        }
        finally
        {
            await cluster.RunAsync("start", serving);
        }
    }

    [Fact]
    public async Task WebKilledUnderAnApiClient_EachRequestNeedsAtMostOneRetry()
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = cluster.Proxy, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.Token("engineer"));
        (await http.GetAsync("/api/v1/forecasts")).EnsureSuccessStatusCode();
        var affinity = cookies.GetCookies(cluster.Proxy)["dashboard_affinity"]?.Value ?? throw new InvalidOperationException("nginx set no affinity cookie");
        var serving = await cluster.UpstreamOfAsync(affinity);

        var retries = new List<int>();
        var kill = Task.Run(async () =>
        {
            await Task.Delay(500);
            await cluster.RunAsync("kill", serving);
        });
        try
        {
            for (var i = 0; i < 30 || !kill.IsCompleted; i++)
            {
                retries.Add(await RetriesNeededAsync(http));
            }
            await kill;
            for (var i = 0; i < 10; i++)
            {
                retries.Add(await RetriesNeededAsync(http));
            }
        }
        finally
        {
            await kill.ContinueWith(_ => { }, TaskScheduler.Default);
            await cluster.RunAsync("start", serving);
        }

        Assert.All(retries, r => Assert.InRange(r, 0, 1));
        await cluster.UpstreamOfAsync(affinity, ClusterFixture.Webs.Single(w => w != serving));
    }

    /// <summary>0 when the first attempt answered 200, 1 when a second did, 2 when neither did.</summary>
    private static async Task<int> RetriesNeededAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var response = await http.GetAsync("/api/v1/forecasts");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return attempt;
                }
            }
            catch (HttpRequestException)
            {
            }
        }
        return 2;
    }

    [Fact]
    public async Task WorkerKilledMidForecast_OtherWorkerFinishesTheRun_NoDuplicateRows()
    {
        using var http = ApiClient(cluster.Proxy, "owner");
        Guid runId = default;
        string killed = "";
        await using var db = await cluster.OpenPrimaryAsync();
        // A run is short (seconds): if it ended before the kill landed, ask for another one.
        for (var attempt = 0; attempt < 5 && killed == ""; attempt++)
        {
            var response = await http.PostAsync("/api/v1/forecasts/recompute", null);
            response.EnsureSuccessStatusCode();
            runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
            var id = runId;
            // A run can also finish between two looks (seconds, on a quiet machine): then it is asked for again.
            var (pid, state) = await Eventually.WaitForAsync(async () => (Pid: await ProcessingForecastPidAsync(db), State: await RunStateAsync(db, id)),
                p => (p.Pid is not null && p.State == "Running") || p.State == "Succeeded", TimeSpan.FromSeconds(60), "the forecast run to be running on a worker");
            if (state == "Succeeded")
            {
                continue;
            }
            var worker = ClusterFixture.Workers.Single(w => cluster.PidOf(w) == pid);
            await cluster.RunAsync("kill", worker);
            if (await RunStateAsync(db, runId) != "Succeeded")
            {
                killed = worker;
            }
            else
            {
                await cluster.RunAsync("start", worker);
            }
        }
        Assert.NotEqual("", killed);
        try
        {
            var survivor = ClusterFixture.Workers.Single(w => w != killed);

            await Eventually.WaitForAsync(() => RunStateAsync(db, runId), s => s == "Succeeded", TimeSpan.FromSeconds(120), "the killed run to be finished by the other worker");

            var servers = await ScalarListAsync(db, """
                SELECT s.data ->> 'ServerId' FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
                WHERE s.name = 'Processing' AND j.invocationdata::text LIKE '%ForecastJob%' AND j.arguments::text LIKE @run
                ORDER BY s.id
                """, ("run", $"%{runId}%"));
            Assert.Equal(2, servers.Count);
            Assert.Contains($":{cluster.PidOf(survivor)}:", servers[^1], StringComparison.Ordinal);
            var seriesTotal = (int)(await ScalarAsync(db, "SELECT series_total FROM forecast_runs WHERE id = @id", ("id", runId)))!;
            Assert.Equal(0L, await ScalarAsync(db, "SELECT count(*) FROM (SELECT 1 FROM forecasts GROUP BY metric, entity HAVING count(*) > 1) d"));
            Assert.Equal((long)seriesTotal, await ScalarAsync(db, "SELECT count(*) FROM forecasts WHERE run_id = @id", ("id", runId)));
            Assert.Equal(1L, await ScalarAsync(db, "SELECT count(*) FROM forecast_runs WHERE id = @id", ("id", runId)));
        }
        finally
        {
            await cluster.RunAsync("start", killed);
        }
    }

    private static async Task<int?> ProcessingForecastPidAsync(NpgsqlConnection db)
    {
        var servers = await ScalarListAsync(db, """
            SELECT s.data ->> 'ServerId' FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
            WHERE j.statename = 'Processing' AND j.invocationdata::text LIKE '%ForecastJob%'
            """);
        // ServerId = "<machine>:<pid>:<pid>:<guid>" (JobsRegistration's server name, then Hangfire's pid and id).
        return servers.Count == 1 && servers[0].Split(':') is [.., var pid, _] ? int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static async Task<string?> RunStateAsync(NpgsqlConnection db, Guid runId) =>
        (string?)await ScalarAsync(db, "SELECT state FROM forecast_runs WHERE id = @id", ("id", runId));

    [Fact]
    public async Task ThresholdSavedThroughWeb1_IsInForceOnWeb2_Within15Seconds()
    {
        using var web1 = ApiClient(cluster.Address("web1"), "engineer");
        using var web2 = ApiClient(cluster.Address("web2"), "engineer");
        var before = await CpuWarningAsync(web2);
        var warning = before == 61 ? 62 : 61;

        var saved = await web1.PutAsJsonAsync("/api/v1/thresholds/cpu", new { warning, critical = 95, sustainedForSeconds = 60 });
        saved.EnsureSuccessStatusCode();

        await Eventually.WaitForAsync(() => CpuWarningAsync(web2), w => w == warning, TimeSpan.FromSeconds(15), "web2 to apply the cpu warning level saved through web1");
    }

    private static async Task<double?> CpuWarningAsync(HttpClient web)
    {
        var catalog = await web.GetFromJsonAsync<JsonElement>("/api/v1/catalog");
        return catalog.EnumerateArray().Single(m => m.GetProperty("metricId").GetString() == "cpu").GetProperty("warning").GetDouble();
    }

    [Fact]
    public async Task GaugesPublishedByAWorker_ReachHubClientsOnBothWebs()
    {
        var token = cluster.Token("engineer");
        var received = new List<Task<JsonElement>>();
        var connections = new List<HubConnection>();
        try
        {
            foreach (var web in ClusterFixture.Webs)
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(cluster.Address(web), "/hubs/saturation"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                    .Build();
                var batch = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
                connection.On<JsonElement>("Snapshots", b => batch.TrySetResult(b));
                await connection.StartAsync();
                connections.Add(connection);
                received.Add(batch.Task);
            }

            // Only the workers ingest (every 15 s); each web relays their batches to its own clients.
            var batches = await Task.WhenAll(received).WaitAsync(TimeSpan.FromSeconds(90));

            Assert.All(batches, b => Assert.Contains(b.GetProperty("gauges").EnumerateArray(), g => g.GetProperty("metricId").GetString() == "cpu"));
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task CookieAndAntiforgeryTokenIssuedByWeb1_AreAcceptedByWeb2()
    {
        var engineer = cluster.User("engineer");
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var web1 = new HttpClient(handler, disposeHandler: false) { BaseAddress = cluster.Address("web1") };
        using var web2 = new HttpClient(handler, disposeHandler: false) { BaseAddress = cluster.Address("web2") };
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = cluster.Address("web2") };

        // The login form (and its antiforgery cookie and token) from web1, posted to web2.
        var form = await CookieSignIn.FormAsync(web1, engineer.Email, engineer.Password);
        var signIn = await web2.PostAsync("/account/signin", form);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);

        // The auth cookie web2 issued, read by web1 (the keys both use are on the primary).
        var page = await web1.GetAsync("/engineer");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/engineer")).StatusCode);
    }

    [Fact]
    public async Task WebRole_RunsNoJobs_WorkerRole_ServesNoPages()
    {
        foreach (var worker in ClusterFixture.Workers)
        {
            using var http = ApiClient(cluster.Address(worker), "owner");
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/forecasts")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/hubs/saturation/negotiate?negotiateVersion=1", null)).StatusCode);
        }
        foreach (var web in ClusterFixture.Webs)
        {
            using var http = ApiClient(cluster.Address(web), "owner");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
        }

        await using var db = await cluster.OpenPrimaryAsync();
        // Jobs have run by now (the first ingest runs at start); every one of them on a worker.
        await Eventually.WaitForAsync(() => ScalarAsync(db, "SELECT count(*) FROM hangfire.state WHERE name = 'Succeeded'"), n => (long)n! > 0,
            TimeSpan.FromSeconds(60), "a job to have succeeded");
        var servers = await ScalarListAsync(db, "SELECT DISTINCT data ->> 'ServerId' FROM hangfire.state WHERE name = 'Processing'");
        var live = await ScalarListAsync(db, "SELECT id FROM hangfire.server");
        foreach (var web in ClusterFixture.Webs)
        {
            var pid = $":{cluster.PidOf(web)}:";
            Assert.DoesNotContain(servers, s => s.Contains(pid, StringComparison.Ordinal));
            Assert.DoesNotContain(live, s => s.Contains(pid, StringComparison.Ordinal));
        }
        foreach (var worker in ClusterFixture.Workers)
        {
            Assert.Contains(live, s => s.Contains($":{cluster.PidOf(worker)}:", StringComparison.Ordinal));
        }
    }

    private HttpClient ApiClient(Uri baseAddress, string role)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.Token(role));
        return http;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, db);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }

    private static async Task<List<string>> ScalarListAsync(NpgsqlConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, db);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }
        return result;
    }
}
