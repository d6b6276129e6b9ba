namespace Dashboard.Hosting;

/// <summary>
/// A request the client got wrong (a body that is not JSON, a missing parameter: <see cref="BadHttpRequestException"/>)
/// is the client's problem, not the server's: one Information line without a stack trace instead of an Error with
/// one. Everything else (500s) keeps the exception handler's own Error log.
/// </summary>
internal static partial class ClientErrorLog
{
    /// <summary>True (suppress the handler's Error log) after logging a client error at Information.</summary>
    public static bool Suppress(ILogger logger, HttpContext context, Exception exception)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        ClientError(logger, bad.StatusCode, context.Request.Method, context.Request.Path.Value ?? "", bad.Message);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client error {Status} on {Method} {Path}: {Reason}")]
    private static partial void ClientError(ILogger logger, int status, string method, string path, string reason);
}
