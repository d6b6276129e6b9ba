using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Web;

/// <summary>
/// Requests that occupy a job worker or query Prometheus are limited per user (decision 027):
/// past the limit a 429 problem+json with Retry-After; other users keep their own budget.
/// Invalid bodies keep the tests from running real jobs: the limiter counts every request.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ExpensiveRequestLimitTests(DashboardAppFactory app)
{
    [Fact]
    public async Task Reports_MoreThanJobLimitPerUser_TooManyRequestsForThatUserOnly()
    {
        using var limit = app.OverrideSetting("RateLimits:JobRequestsPerMinute", "2");
        using var pm = app.CreateRawClient(app.For("pm").Token);
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await pm.PostAsJsonAsync("/api/v1/reports", new { audience = "nobody" })).StatusCode);
        }
        var refused = await pm.PostAsJsonAsync("/api/v1/reports", new { audience = "nobody" });
        var other = await engineer.PostAsJsonAsync("/api/v1/reports", new { audience = "nobody" });

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/forecasts/recompute", "/api/v1/reports", "RateLimits:JobRequestsPerMinute")]
    [InlineData("/api/v1/forecasts/adhoc", "/api/v1/forecasts/adhoc", "RateLimits:QueryRequestsPerMinute")]
    [InlineData("/api/v1/resources/preview", "/api/v1/forecasts/adhoc", "RateLimits:QueryRequestsPerMinute")]
    [InlineData("/api/v1/settings/sources/test", "/api/v1/forecasts/adhoc", "RateLimits:QueryRequestsPerMinute")]
    [InlineData("/api/v1/presets/detect", "/api/v1/forecasts/adhoc", "RateLimits:QueryRequestsPerMinute")]
    [InlineData("/api/v1/config/import?dryRun=true", "/api/v1/forecasts/adhoc", "RateLimits:QueryRequestsPerMinute")]
    public async Task ExpensiveEndpoint_BudgetSpent_TooManyRequestsBeforeAnyWork(string path, string cheapSameKind, string setting)
    {
        using var limit = app.OverrideSetting(setting, "1");
        using var client = app.CreateRawClient(app.For("engineer").Token);

        // Spends the user's budget of this kind with a request that is refused as invalid (no job, no query).
        await client.PostAsync(cheapSameKind, new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        var refused = await client.PostAsync(path, new StringContent("{", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
    }
}
