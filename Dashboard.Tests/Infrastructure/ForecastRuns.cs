using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dashboard.Tests.Infrastructure;

/// <summary>"Recompute now" through the API, as a user with the right role does, waited until the run ends.</summary>
internal static class ForecastRuns
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Queues a forecast run and returns its final state ("Succeeded" or "Failed", with its counts).</summary>
    public static async Task<JsonElement> RecomputeAsync(HttpClient client)
    {
        var response = await client.PostAsync("/api/v1/forecasts/recompute", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
        return await Eventually.WaitForAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/v1/forecasts/runs/{runId}"),
            r => r.GetProperty("state").GetString() is "Succeeded" or "Failed",
            Timeout, $"forecast run {runId} to finish");
    }
}
