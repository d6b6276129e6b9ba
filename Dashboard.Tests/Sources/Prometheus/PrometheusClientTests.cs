using System.Text;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Tests.Sources.Prometheus.LocalHttpServer;

namespace Dashboard.Tests.Sources.Prometheus;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class PrometheusClientTests(DashboardAppFactory app)
{
    private const string OneSample = """{"status":"success","data":{"resultType":"scalar","result":[1700000000,"42"]}}""";

    [Fact]
    public async Task Query_SyntaxError_SurfacesErrorTypeAndMessage()
    {
        using var prometheus = new PrometheusTestClient();

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => prometheus.Client.QueryAsync("sum(rate(up[5m]"));

        Assert.Equal("bad_data", error.ErrorType);
        Assert.Contains("parse error", error.Error);
        Assert.Contains(TestStack.Current.PrometheusUrl, error.Message);
    }

    [Fact]
    public async Task Query_ExecutionErrorOnVectorMatch_SurfacesErrorType()
    {
        using var prometheus = new PrometheusTestClient();

        // The right side has two series for the one (empty) match group: a run-time matching error.
        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() =>
            prometheus.Client.QueryAsync("vector(1) + on() (vector(1) or label_replace(vector(2), \"a\", \"x\", \"\", \"\"))"));

        Assert.Equal("execution", error.ErrorType);
        Assert.False(string.IsNullOrWhiteSpace(error.Error));
    }

    [Theory]
    [InlineData("0/0", double.NaN)]
    [InlineData("1/0", double.PositiveInfinity)]
    [InlineData("-1/0", double.NegativeInfinity)]
    [InlineData("vector(0)/0", double.NaN)]
    [InlineData("vector(-1)/0", double.NegativeInfinity)]
    public async Task Query_SpecialFloat_PreservedNotZero(string promql, double expected)
    {
        using var prometheus = new PrometheusTestClient();

        var result = await prometheus.Client.QueryAsync(promql);

        Assert.Equal(expected, result.SingleValueOrNull());
    }

    [Fact]
    public async Task QueryRange_BeyondPointLimit_SplitAndStitchedWithoutGapsOrDuplicates()
    {
        using var prometheus = new PrometheusTestClient();
        var end = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);
        var start = end.AddSeconds(-25_000);   // 25,001 points at 1 s: three windows
        var step = TimeSpan.FromSeconds(1);

        var result = await prometheus.Client.QueryRangeAsync("time()", start, end, step);

        var series = Assert.Single(result.Series);
        Assert.Equal(25_001, series.Samples.Count);
        for (var i = 0; i < series.Samples.Count; i++)
        {
            // time() evaluates to its own timestamp: each point is at start + i s and carries that time.
            Assert.Equal(start.AddSeconds(i), series.Samples[i].Timestamp);
            Assert.Equal(start.AddSeconds(i).ToUnixTimeSeconds(), series.Samples[i].Value);
        }
    }

    [Fact]
    public async Task QueryRange_UnsplitRequestOverLimit_IsRefusedByPrometheus()
    {
        // Why the client splits: the same range asked in one request is an error.
        using var http = new HttpClient();
        var end = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        var url = $"{TestStack.Current.PrometheusUrl}/api/v1/query_range?query=time()&start={end - 25_000}&end={end}&step=1";

        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exceeded maximum resolution of 11,000 points per timeseries", text);
    }

    [Fact]
    public void RangeWindows_LongRange_ContiguousAlignedAndWithinLimit()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromSeconds(15);
        var end = start + step * 30_000;

        var windows = RangeWindows.Split(start, end, step);

        Assert.Equal(start, windows[0].Start);
        Assert.Equal(end, windows[^1].End);
        Assert.All(windows, w => Assert.InRange((w.End - w.Start) / step + 1, 1, RangeWindows.MaxPointsPerSeries));
        for (var i = 1; i < windows.Count; i++)
        {
            Assert.Equal(windows[i - 1].End + step, windows[i].Start);
        }
        Assert.Equal(30_001, windows.Sum(w => (int)((w.End - w.Start) / step) + 1));
    }

    [Fact]
    public async Task Query_Unreachable_ErrorNamesUrl()
    {
        using var prometheus = new PrometheusTestClient(o =>
        {
            o.Url = "http://127.0.0.1:1";
            o.MaxRetries = 0;
        });

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => prometheus.Client.QueryAsync("up"));

        Assert.Equal(PrometheusQueryException.Unreachable, error.ErrorType);
        Assert.Contains("http://127.0.0.1:1/api/v1/query", error.Message);
    }

    [Fact]
    public async Task Query_ServerNeverAnswers_TimeoutErrorNamesUrl()
    {
        await using var server = new LocalHttpServer((ctx, _) => Task.Delay(Timeout.Infinite, ctx.RequestAborted));
        await server.StartAsync();
        using var prometheus = new PrometheusTestClient(o =>
        {
            o.Url = server.Url;
            o.Timeout = TimeSpan.FromSeconds(1);
            o.MaxRetries = 0;
        });

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => prometheus.Client.QueryAsync("up"));

        Assert.Equal(PrometheusQueryException.Timeout, error.ErrorType);
        Assert.Contains(server.Url.TrimEnd('/') + "/api/v1/query", error.Message);
        Assert.Contains("within 1 s", error.Message);
    }

    [Fact]
    public async Task Query_TransientFailureThenSuccess_RetriedAndReturnsData()
    {
        await using var server = new LocalHttpServer((ctx, n) => n == 1
            ? Respond(ctx, StatusCodes.Status503ServiceUnavailable, "busy", "text/plain")
            : Respond(ctx, StatusCodes.Status200OK, OneSample));
        await server.StartAsync();
        using var prometheus = new PrometheusTestClient(o => o.Url = server.Url);

        var result = await prometheus.Client.QueryAsync("up");

        Assert.Equal(42, result.SingleValueOrNull());
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Query_PersistentFailure_RetriesThenReportsHttpStatus()
    {
        await using var server = new LocalHttpServer((ctx, _) => Respond(ctx, StatusCodes.Status502BadGateway, "<html>bad gateway</html>", "text/html"));
        await server.StartAsync();
        using var prometheus = new PrometheusTestClient(o =>
        {
            o.Url = server.Url;
            o.MaxRetries = 1;
        });

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => prometheus.Client.QueryAsync("up"));

        Assert.Equal(PrometheusQueryException.BadResponse, error.ErrorType);
        Assert.Contains("HTTP 502", error.Error);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Query_BadRequestError_NotRetried()
    {
        await using var server = new LocalHttpServer((ctx, _) => Respond(ctx, StatusCodes.Status400BadRequest,
            """{"status":"error","errorType":"bad_data","error":"parse error","warnings":["w1"]}"""));
        await server.StartAsync();
        using var prometheus = new PrometheusTestClient(o => o.Url = server.Url);

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => prometheus.Client.QueryAsync("up"));

        Assert.Equal("bad_data", error.ErrorType);
        Assert.Equal(["w1"], error.Warnings);
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("basic")]
    public async Task Query_AuthConfigured_SendsCredentials(string scheme)
    {
        var expected = scheme == "bearer"
            ? "Bearer tok-123"
            : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("reader:s3cret:x"));
        await using var server = new LocalHttpServer((ctx, _) => ctx.Request.Headers.Authorization == expected
            ? Respond(ctx, StatusCodes.Status200OK, OneSample)
            : Respond(ctx, StatusCodes.Status401Unauthorized, "no", "text/plain"));
        await server.StartAsync();
        using var prometheus = new PrometheusTestClient(o =>
        {
            o.Url = server.Url;
            if (scheme == "bearer")
            {
                o.BearerToken = "tok-123";
            }
            else
            {
                o.BasicAuthUser = "reader";
                o.BasicAuthPassword = "s3cret:x";
            }
        });

        var result = await prometheus.Client.QueryAsync("up");

        Assert.Equal(42, result.SingleValueOrNull());
    }

    [Fact]
    public async Task Query_WithoutCredentials_UnauthorizedIsAnError()
    {
        await using var server = new LocalHttpServer((ctx, _) => Respond(ctx, StatusCodes.Status401Unauthorized, "Unauthorized", "text/plain"));
        await server.StartAsync();
        using var prometheus = new PrometheusTestClient(o => o.Url = server.Url);

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => prometheus.Client.QueryAsync("up"));

        Assert.Contains("HTTP 401", error.Error);
    }

    [Fact]
    public async Task HostedApp_Client_ReadsTheStacksPrometheus()
    {
        var client = app.Services.GetRequiredService<PrometheusClient>();

        var result = await client.QueryAsync("up{job=\"prometheus\"}");

        Assert.Equal(1, result.SingleValueOrNull());
        Assert.Equal("instance=\"" + new Uri(TestStack.Current.PrometheusUrl).Authority + "\",job=\"prometheus\"", result.Series[0].Entity);
    }
}
