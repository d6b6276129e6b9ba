namespace Dashboard.Jobs.Storage.Entities;

/// <summary>
/// One source setting saved from the Settings page, stored under its configuration key (e.g.
/// "Prometheus:Url", "Ingest:Postgres:orders") and fed into configuration above the settings
/// files. Secret values (tokens, passwords, connection strings) are Data Protection ciphertext.
/// </summary>
public sealed class SourceSettingRow
{
    public required string Key { get; set; }

    /// <summary>The value; for a secret, its protected form (never the plain text).</summary>
    public string Value { get; set; } = "";

    public bool IsSecret { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}
