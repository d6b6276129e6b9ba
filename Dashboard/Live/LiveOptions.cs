namespace Dashboard.Live;

/// <summary>Live updates (section "Live").</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// Route hub messages through Redis so clients of every web instance get them. Default: on
    /// when this process is not "Both" (a split deployment) and Redis is configured; one
    /// instance needs no Redis round trip.
    /// </summary>
    public bool RedisBackplane { get; set; }
}
