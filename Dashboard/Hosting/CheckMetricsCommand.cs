using Dashboard.Jobs.Sources.Exposition;

namespace Dashboard.Hosting;

/// <summary>
/// <c>Dashboard check-metrics &lt;file|url&gt;</c>, in the spirit of <c>promtool check metrics</c>:
/// parses one exposition with the ingestion parser and prints the counts, then in line order
/// every problem (why ingestion refuses it, as Prometheus would) and every warning (what both
/// take although a format specification advises against it). Needs no web host and no
/// database. Exit codes: 0 valid (warnings or not), 1 invalid, 2 usage or I/O error.
/// </summary>
public static class CheckMetricsCommand
{
    public const string Verb = "check-metrics";
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int UsageOrIoError = 2;

    private const string Usage =
        "usage: Dashboard check-metrics <file|url|-> [--format text|openmetrics] [--bearer-token-file <path>]\n" +
        "  file: the format is OpenMetrics when the last line is '# EOF', else the text format 0.0.4 (or --format)\n" +
        "  url:  the format follows the response's Content-Type";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        string? source = null, tokenFile = null;
        ExpositionFormat? format = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--bearer-token-file" when i + 1 < args.Count:
                    tokenFile = args[++i];
                    break;
                case "--format" when i + 1 < args.Count && args[i + 1] is "text" or "openmetrics":
                    format = args[++i] == "text" ? ExpositionFormat.PrometheusText : ExpositionFormat.OpenMetrics;
                    break;
                case "-h" or "--help":
                    await output.WriteLineAsync(Usage);
                    return UsageOrIoError;
                case var a when source is null && (a == "-" || !a.StartsWith('-')):
                    source = a;
                    break;
                default:
                    await output.WriteLineAsync($"check-metrics: unexpected argument '{args[i]}'");
                    await output.WriteLineAsync(Usage);
                    return UsageOrIoError;
            }
        }
        if (source is null)
        {
            await output.WriteLineAsync(Usage);
            return UsageOrIoError;
        }

        byte[] body;
        ExpositionFormat chosen;
        try
        {
            if (Uri.TryCreate(source, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                var token = tokenFile is null ? null : (await File.ReadAllTextAsync(tokenFile, cancellationToken)).Trim();
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                var fetched = await new MetricsScraper(http).FetchAsync(url, token, cancellationToken);
                body = fetched.Body;
                chosen = format ?? fetched.Format;
            }
            else
            {
                if (tokenFile is not null)
                {
                    await output.WriteLineAsync("check-metrics: --bearer-token-file applies to URLs only");
                    return UsageOrIoError;
                }
                body = source == "-" ? await ReadStdinAsync(cancellationToken) : await File.ReadAllBytesAsync(source, cancellationToken);
                chosen = format ?? Detect(body);
            }
        }
        catch (MetricsScrapeException ex) when (ex.NotAnExposition)
        {
            await output.WriteLineAsync($"{source}: 0 metric families, 0 samples");
            await output.WriteLineAsync($"body: {ex.Message}");
            return Invalid;
        }
        catch (Exception ex) when (ex is MetricsScrapeException or IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"check-metrics: cannot read {source}: {ex.Message}");
            return UsageOrIoError;
        }

        var result = new ExpositionParser().Check(body, chosen);
        var formatName = chosen == ExpositionFormat.OpenMetrics ? "OpenMetrics 1.0" : "Prometheus text 0.0.4";
        await output.WriteLineAsync($"{source} ({formatName}): {result.Families.Count} metric families, {result.SampleCount} samples");
        var findings = result.Problems.Select(p => (p.Line, Text: p.ToString()))
            .Concat(result.Warnings.Select(w => (w.Line, Text: $"{w.Where}: warning: {w.Message}")))
            .OrderBy(f => f.Line);
        foreach (var (_, text) in findings)
        {
            await output.WriteLineAsync(text);
        }
        var warningCount = result.Warnings.Count + result.UnlistedWarnings;
        if (result.UnlistedWarnings > 0)
        {
            await output.WriteLineAsync($"... and {Count(result.UnlistedWarnings, "more warning")} not listed");
        }
        if (!result.IsValid)
        {
            await output.WriteLineAsync($"invalid: {Count(result.Problems.Count, "problem")}{(warningCount > 0 ? $", {Count(warningCount, "warning")}" : "")}");
        }
        else if (warningCount > 0)
        {
            await output.WriteLineAsync($"valid, with {Count(warningCount, "warning")}: Prometheus would ingest it, and so does the dashboard");
        }
        return result.IsValid ? Valid : Invalid;
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";

    /// <summary>A file says nothing about its format; an OpenMetrics one ends with "# EOF".</summary>
    private static ExpositionFormat Detect(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimEnd("\r\n"u8);
        return trimmed.EndsWith("\n# EOF"u8) || trimmed.SequenceEqual("# EOF"u8) ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText;
    }

    private static async Task<byte[]> ReadStdinAsync(CancellationToken cancellationToken)
    {
        await using var stdin = Console.OpenStandardInput();
        using var copy = new MemoryStream();
        await stdin.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}
