using System.Data.Common;

namespace Dashboard.Auth;

/// <summary>Whether an exception means the database could not be reached or did not answer in time.</summary>
internal static class DatabaseFailure
{
    public static bool Is(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is DbException or TimeoutException or System.Net.Sockets.SocketException
                or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException)
            {
                return true;
            }
        }
        return false;
    }
}
