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
            // Prometheus falls back to the classic text format when a target says nothing.
            return true;
        }
        var parts = contentType.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var mediaType = parts.Length > 0 ? parts[0].ToLowerInvariant() : "";
        string? version = null;
        foreach (var p in parts.Skip(1))
        {
            var eq = p.IndexOf('=');
            if (eq > 0 && p[..eq].Trim().Equals("version", StringComparison.OrdinalIgnoreCase))
            {
                version = p[(eq + 1)..].Trim().Trim('"');
            }
        }
        switch (mediaType)
        {
            case "text/plain" when version is null or "0.0.4":
                return true;
            case "text/plain":
                error = $"unsupported text format version {version} (expected 0.0.4)";
                return false;
            case "application/openmetrics-text" when version is null or "1.0.0" or "0.0.1":
                format = ExpositionFormat.OpenMetrics;
                return true;
            case "application/openmetrics-text":
                error = $"unsupported OpenMetrics version {version} (expected 1.0.0)";
                return false;
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
