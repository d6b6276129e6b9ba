using System.Diagnostics;
using System.Net.Http.Headers;

namespace ApiBench;

/// <summary>One endpoint's figures under the open model.</summary>
public sealed record LoadResult(
    string Server, string Path, double TargetRate, int Scheduled, int Ok, int Errors, double AchievedRate,
    double P50Ms, double P90Ms, double P99Ms, double MaxMs, double MaxDispatchLagMs, IReadOnlyDictionary<string, int> ErrorKinds);

/// <summary>
/// An open-model load: request i is due at start + i / rate, whatever the earlier ones are doing, and its
/// latency is measured from that due time (no coordinated omission: a stalled server or a late dispatcher
/// shows up in the latency, it does not slow the arrivals). Every answer must be 200 with a JSON body.
/// </summary>
public static class OpenLoad
{
    public static async Task<LoadResult> RunAsync(string server, HttpClient http, Uri url, string? bearer, double rate, TimeSpan duration)
    {
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var errors = new string?[count];
        var tasks = new Task[count];
        var interval = 1000.0 / rate;
        var maxLag = 0.0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = i * interval;
            var wait = due - clock.Elapsed.TotalMilliseconds;
            if (wait >= 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }
            maxLag = Math.Max(maxLag, clock.Elapsed.TotalMilliseconds - due);
            tasks[i] = SendAsync(http, url, bearer, clock, due, i, latencies, errors);
        }
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed.TotalSeconds;

        var ok = Enumerable.Range(0, count).Where(i => errors[i] is null).Select(i => latencies[i]).Order().ToArray();
        double P(double q) => ok.Length == 0 ? double.NaN : ok[Math.Min(ok.Length - 1, (int)Math.Ceiling(q * ok.Length) - 1)];
        var kinds = errors.Where(e => e is not null).GroupBy(e => e!).ToDictionary(g => g.Key, g => g.Count());
        return new LoadResult(server, url.AbsolutePath, rate, count, ok.Length, count - ok.Length, ok.Length / elapsed,
            Math.Round(P(0.50), 2), Math.Round(P(0.90), 2), Math.Round(P(0.99), 2), Math.Round(ok.LastOrDefault(double.NaN), 2), Math.Round(maxLag, 2), kinds);
    }

    private static async Task SendAsync(HttpClient http, Uri url, string? bearer, Stopwatch clock, double due, int i, double[] latencies, string?[] errors)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            latencies[i] = clock.Elapsed.TotalMilliseconds - due;
            errors[i] = Check(response, body);
        }
        catch (Exception ex)
        {
            errors[i] = ex.GetType().Name;
        }
    }

    /// <summary>Null when the answer is a 200 with a JSON body, else what was wrong.</summary>
    public static string? Check(HttpResponseMessage response, byte[] body) =>
        (int)response.StatusCode != 200 ? $"status {(int)response.StatusCode}"
        : response.Content.Headers.ContentType?.MediaType != "application/json" ? $"content type {response.Content.Headers.ContentType?.MediaType}"
        : body.Length == 0 || (body[0] != (byte)'{' && body[0] != (byte)'[') ? "body is not JSON"
        : null;
}
