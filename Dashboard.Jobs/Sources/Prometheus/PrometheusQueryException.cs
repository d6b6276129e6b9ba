namespace Dashboard.Jobs.Sources.Prometheus;

/// <summary>
/// Prometheus did not deliver data: it answered <c>status: error</c> (its <c>errorType</c>, e.g.
/// <c>bad_data</c>, <c>execution</c>, <c>timeout</c>, and <c>error</c> message), or it could not be
/// reached or did not answer in time (<see cref="Unreachable"/>, <see cref="Timeout"/>). Never "no data".
/// </summary>
public sealed class PrometheusQueryException : Exception
{
    /// <summary>Connection refused, DNS failure, circuit open after repeated failures.</summary>
    public const string Unreachable = HttpSources.Unreachable;

    /// <summary>No answer within the configured timeout.</summary>
    public const string Timeout = HttpSources.Timeout;

    /// <summary>The answer was not the Prometheus API's JSON (e.g. a proxy's HTML error page).</summary>
    public const string BadResponse = "bad_response";

    /// <summary>Prometheus:Url is empty.</summary>
    public const string NotConfigured = "not_configured";

    public PrometheusQueryException(string errorType, string error, string url, IReadOnlyList<string>? warnings = null, Exception? inner = null)
        : base($"Prometheus query at {url} failed ({errorType}): {error}", inner)
    {
        ErrorType = errorType;
        Error = error;
        Url = url;
        Warnings = warnings ?? [];
    }

    public PrometheusQueryException()
        : this(BadResponse, "unknown error", "")
    {
    }

    public PrometheusQueryException(string message)
        : this(BadResponse, message, "")
    {
    }

    public PrometheusQueryException(string message, Exception innerException)
        : this(BadResponse, message, "", null, innerException)
    {
    }

    /// <summary>Prometheus' <c>errorType</c>, or one of this class's constants for client-side failures.</summary>
    public string ErrorType { get; }

    /// <summary>Prometheus' <c>error</c> text, or what went wrong on the way.</summary>
    public string Error { get; }

    /// <summary>The endpoint that was asked (without credentials).</summary>
    public string Url { get; }

    /// <summary>Warnings that came with the error.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
