using System.Text;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static Dashboard.Tests.Sources.Prometheus.LocalHttpServer;

namespace Dashboard.Tests.Sources.Prometheus;

/// <summary>PrometheusClient.GetMetricNamesAsync (GET /api/v1/label/__name__/values): the real server, and what a real one will not do on demand.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class MetricNamesTests
{
    [Fact]
    public async Task MetricNames_RealPrometheus_ListsTheExportersMetrics()
    {
        using var prometheus = new PrometheusTestClient();

        var names = await prometheus.Client.GetMetricNamesAsync();

        Assert.Contains("up", names.Values);
        Assert.Contains("node_cpu_seconds_total", names.Values);
        Assert.Contains("pg_stat_activity_count", names.Values);
        Assert.False(names.Truncated);
    }

    [Fact]
    public async Task MetricNames_MatchOneJob_OnlyThatJobsMetrics()
    {
        using var prometheus = new PrometheusTestClient();
        await Eventually.WaitForAsync(() => prometheus.Client.QueryAsync("redis_up"), r => !r.IsNoData, TimeSpan.FromSeconds(30), "redis_exporter scraped");

        var names = await prometheus.Client.GetMetricNamesAsync(["{job=\"redis\"}"], start: DateTimeOffset.UtcNow.AddHours(-1));

        Assert.Contains("redis_memory_used_bytes", names.Values);
        Assert.Contains("up", names.Values);
        Assert.DoesNotContain("node_cpu_seconds_total", names.Values);
    }

    [Fact]
    public async Task MetricNames_Limit_CutsAndSaysSo()
    {
        using var prometheus = new PrometheusTestClient();

        var names = await prometheus.Client.GetMetricNamesAsync(limit: 5);

        Assert.Equal(5, names.Values.Count);
        Assert.True(names.Truncated);
    }

    [Fact]
    public async Task MetricNames_BadSelector_SurfacesPrometheusBadData()
    {
        using var prometheus = new PrometheusTestClient();

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => prometheus.Client.GetMetricNamesAsync(["{job="]));

        Assert.Equal("bad_data", error.ErrorType);
        Assert.Contains("/api/v1/label/__name__/values", error.Url);
    }

    [Fact]
    public async Task MetricNames_Request_EscapesSelectorsAsksOneMoreThanTheLimitAndSendsStart()
    {
        string? query = null;
        await using var server = new LocalHttpServer((ctx, _) =>
        {
            query = ctx.Request.Path + ctx.Request.QueryString;
            return Respond(ctx, StatusCodes.Status200OK, """{"status":"success","data":["a","b","c"],"warnings":["partial"]}""");
        });
        await server.StartAsync();
        using var prometheus = new PrometheusTestClient(o => o.Url = server.Url);

        var names = await prometheus.Client.GetMetricNamesAsync(["{job=\"a b\"}", "up"], limit: 2, start: DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

        Assert.Equal("/api/v1/label/__name__/values?match[]=%7Bjob%3D%22a%20b%22%7D&match[]=up&start=1700000000&limit=3", query);
        Assert.Equal(["a", "b"], names.Values);
        Assert.True(names.Truncated);
        Assert.Equal(["partial"], names.Warnings);
    }

    private const string Oversized = "(names past the limit)";

    [Theory]
    [InlineData(StatusCodes.Status200OK, "application/json", Oversized, "over the limit")]   // a runaway answer: reading stops at the limit
    [InlineData(StatusCodes.Status404NotFound, "text/html", "<html>not here</html>", "HTTP 404")]   // a proxy's error page
    public async Task MetricNames_AnswerNotPrometheusJson_BadResponseSayingWhy(int status, string contentType, string body, string why)
    {
        var answer = body == Oversized ? OversizedNames() : body;
        await using var server = new LocalHttpServer((ctx, _) => Respond(ctx, status, answer, contentType));
        await server.StartAsync();
        using var prometheus = new PrometheusTestClient(o => o.Url = server.Url);

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => prometheus.Client.GetMetricNamesAsync());

        Assert.Equal(PrometheusQueryException.BadResponse, error.ErrorType);
        Assert.Contains(why, error.Error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1", PrometheusQueryException.Unreachable)]
    [InlineData("", PrometheusQueryException.NotConfigured)]
    public async Task MetricNames_NoPrometheusThere_ErrorTypeSaysWhich(string url, string errorType)
    {
        using var prometheus = new PrometheusTestClient(o =>
        {
            o.Url = url;
            o.MaxRetries = 0;
        });

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => prometheus.Client.GetMetricNamesAsync());

        Assert.Equal(errorType, error.ErrorType);
        Assert.Contains("api/v1/label/__name__/values", error.Message);
    }

    private static string OversizedNames()
    {
        var names = new StringBuilder("""{"status":"success","data":[""");
        while (names.Length <= PrometheusClient.MaxLabelValuesBytes)
        {
            names.Append("\"metric_name_padding_to_grow_the_answer_past_its_limit\",");
        }
        return names.Append("\"last\"]}").ToString();
    }
}
