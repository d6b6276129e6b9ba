namespace Dashboard.Jobs.Sources.Alertmanager;

/// <summary>
/// An Alertmanager API call failed: Alertmanager refused the request (<see cref="Rejected"/>, with its
/// own message, e.g. "start time must be before end time"), or it could not be reached, did not answer
/// in time or answered with something that is not its API's JSON. The message always names the URL.
/// </summary>
public sealed class AlertmanagerException : Exception
{
    /// <summary>Connection refused, DNS failure, circuit open after repeated failures.</summary>
    public const string Unreachable = HttpSources.Unreachable;

    /// <summary>No answer within Alertmanager:Timeout.</summary>
    public const string Timeout = HttpSources.Timeout;

    /// <summary>The answer was not the API's JSON, or an unexpected HTTP status (e.g. a proxy's error page).</summary>
    public const string BadResponse = "bad_response";

    /// <summary>Alertmanager answered 400 or 422: the request is invalid; <see cref="Error"/> is its message.</summary>
    public const string Rejected = "rejected";

    /// <summary>Alertmanager:Url is empty.</summary>
    public const string NotConfigured = "not_configured";

    public AlertmanagerException(string errorType, string error, string url, int? statusCode = null, Exception? inner = null)
        : base($"Alertmanager request to {url} failed ({errorType}): {error}", inner)
    {
        ErrorType = errorType;
        Error = error;
        Url = url;
        StatusCode = statusCode;
    }

    public AlertmanagerException()
        : this(BadResponse, "unknown error", "")
    {
    }

    public AlertmanagerException(string message)
        : this(BadResponse, message, "")
    {
    }

    public AlertmanagerException(string message, Exception innerException)
        : this(BadResponse, message, "", null, innerException)
    {
    }

    /// <summary>One of this class's constants.</summary>
    public string ErrorType { get; }

    /// <summary>Alertmanager's own message (for <see cref="Rejected"/>), or what went wrong on the way.</summary>
    public string Error { get; }

    /// <summary>The endpoint that was asked (without credentials).</summary>
    public string Url { get; }

    /// <summary>The HTTP status Alertmanager answered with, when it answered.</summary>
    public int? StatusCode { get; }
}
