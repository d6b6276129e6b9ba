using Dashboard.Jobs.Sources.Exposition;

namespace Dashboard.Hosting;

/// <summary>
/// <c>Dashboard check-metrics &lt;file|url&gt;</c>, in the spirit of <c>promtool check metrics</c>:
/// parses one exposition with the ingestion parser and prints the counts and every problem
/// with its line. Needs no web host and no database. Exit codes: 0 valid, 1 invalid,
/// 2 usage or I/O error.
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
        foreach (var problem in result.Problems)
        {
            await output.WriteLineAsync(problem.ToString());
        }
        if (!result.IsValid)
        {
            await output.WriteLineAsync($"invalid: {result.Problems.Count} problem{(result.Problems.Count == 1 ? "" : "s")}");
        }
        return result.IsValid ? Valid : Invalid;
    }

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
