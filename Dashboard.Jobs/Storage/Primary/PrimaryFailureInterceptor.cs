using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Dashboard.Jobs.Storage.Primary;

/// <summary>
/// On the primary's contexts: a connection that cannot be opened makes the probe check the primary at once
/// instead of at its next round; the probe switches the process to read-only if the primary does not answer it.
/// Server-side errors (constraints, syntax) are not outages.
/// </summary>
public sealed class PrimaryFailureInterceptor(PrimaryStatus status) : DbConnectionInterceptor
{
    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Observe(eventData.Exception);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    private void Observe(Exception exception)
    {
        if (IsOutage(exception))
        {
            status.ReportSuspect();
        }
    }

    /// <summary>The server cannot be reached or is shutting down (SQLSTATE class 08 / 57P), as opposed to refusing one statement.</summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.InnerException is SocketException or IOException or TimeoutException || npgsql.IsTransient,
        SocketException or TimeoutException => true,
        _ => false,
    };
}
