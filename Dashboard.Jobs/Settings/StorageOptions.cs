namespace Dashboard.Jobs.Settings;

/// <summary>Connection strings (section "ConnectionStrings"). Secrets: supply by environment or a local settings file.</summary>
public sealed class StorageOptions
{
    /// <summary>The primary: every write, migrations, Hangfire.</summary>
    public string Primary { get; set; } = "";

    /// <summary>
    /// Reads: Npgsql multi-host, e.g. "Host=replica:5432,primary:5432;Target Session Attributes=prefer-standby".
    /// Empty means "read from the primary".
    /// </summary>
    public string Replica { get; set; } = "";

    /// <summary>Redis for the L2 cache and the SignalR backplane. Empty means in-process only.</summary>
    public string Redis { get; set; } = "";

    public string ReadConnectionString => string.IsNullOrWhiteSpace(Replica) ? Primary : Replica;
}
