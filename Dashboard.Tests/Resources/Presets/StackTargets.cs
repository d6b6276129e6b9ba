using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Resources.Presets;

/// <summary>The scrape jobs of the test stack the presets read (scripts/stack.sh, test profile), and a wait until Prometheus has scraped them.</summary>
internal static class StackTargets
{
    /// <summary>The recorded expositions scripts/fixtures/serve_expositions.py serves, one job each.</summary>
    public static readonly string[] FixtureJobs =
        ["kube-state-metrics", "kubelet-cadvisor", "kubelet", "otel-http", "ingress-nginx", "rabbitmq", "kafka-exporter", "blackbox"];

    /// <summary>Real exporters, and the app under test (its own prometheus-net metrics as "dashboard", the demo workload as "demo").</summary>
    public static readonly string[] ExporterJobs = ["node", "postgres", "redis", "dashboard", "demo"];

    /// <summary>
    /// Waits until every target of <paramref name="jobs"/> is up and has answered at least two scrapes in the last minute
    /// (rate() needs two samples; an app's request metrics appear in the scrape after its first request).
    /// </summary>
    public static Task WaitUntilScrapedAsync(PrometheusClient prometheus, params string[] jobs)
    {
        var selector = $"job=~\"{string.Join('|', jobs)}\"";
        var expected = jobs.Length + (jobs.Contains("blackbox") ? 1 : 0);   // blackbox: one target per probed URL
        return Eventually.WaitForAsync(
            () => prometheus.QueryAsync($"(up{{{selector}}} == 1) and on (job, instance) (sum_over_time(up{{{selector}}}[1m]) >= 2)"),
            r => r.Series.Count == expected,
            TimeSpan.FromSeconds(60), $"every target of {string.Join(", ", jobs)} up for two scrapes");
    }
}
