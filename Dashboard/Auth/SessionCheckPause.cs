namespace Dashboard.Auth;

/// <summary>Until when session checks wait after the database failed one (shared by every request).</summary>
internal sealed class SessionCheckPause
{
    private long untilTicks;

    public bool IsPaused(DateTimeOffset now) => now.UtcTicks < Interlocked.Read(ref untilTicks);

    public void Until(DateTimeOffset until) => Interlocked.Exchange(ref untilTicks, until.UtcTicks);
}
