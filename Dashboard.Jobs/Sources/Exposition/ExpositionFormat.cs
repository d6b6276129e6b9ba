namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>The two text formats a /metrics endpoint may answer with.</summary>
public enum ExpositionFormat
{
    /// <summary>Prometheus text format 0.0.4: timestamps in milliseconds, blank lines and comments allowed.</summary>
    PrometheusText,

    /// <summary>OpenMetrics 1.0: timestamps in seconds with fractions, strict spacing, <c># EOF</c> required.</summary>
    OpenMetrics,
}

/// <summary>Chooses the format from a response's Content-Type, as Prometheus does.</summary>
public static class ExpositionContentType
{
    /// <summary>What a scraper asks for: OpenMetrics first, then the classic text format.</summary>
    public const string Accept =
        "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    /// <summary>
    /// The format for a Content-Type header value, or an error that says why the response is not
    /// a text exposition (HTML is a login or error page, never metrics).
    /// </summary>
    public static bool TryResolve(string? contentType, out ExpositionFormat format, out string? error)
    {
        format = ExpositionFormat.PrometheusText;
        error = null;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            // Prometheus 2 read the classic text format when a target said nothing (Prometheus 3
            // wants fallback_scrape_protocol set for that); it is the likely one.
            return true;
        }
        var mediaType = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        // Like Prometheus, by the media type alone: its scraper reads any version of either with
        // the same parser (a line it cannot read is then reported with its line).
        switch (mediaType)
        {
            case "text/plain":
                return true;
            case "application/openmetrics-text":
                format = ExpositionFormat.OpenMetrics;
                return true;
            case "text/html" or "application/xhtml+xml":
                error = $"not a metrics endpoint (got {mediaType}; a login page?)";
                return false;
            case "application/vnd.google.protobuf":
                error = "protobuf exposition is not supported (the endpoint ignored the Accept header)";
                return false;
            default:
                error = $"not a metrics endpoint (unsupported content type {mediaType})";
                return false;
        }
    }
}
