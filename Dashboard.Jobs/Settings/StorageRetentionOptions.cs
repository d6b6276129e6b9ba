namespace Dashboard.Jobs.Settings;

/// <summary>The long-history observation store's upkeep (section "Storage").</summary>
public sealed class StorageRetentionOptions
{
    public const string Section = "Storage";

    /// <summary>Raw points are kept this many days; older daily partitions are dropped whole.</summary>
    public int RetentionDays { get; set; } = 400;

    /// <summary>5-minute and hourly rollups are kept this many days (at least <see cref="RetentionDays"/>).</summary>
    public int RollupRetentionDays { get; set; } = 1825;

    /// <summary>Daily partitions created ahead of today, so writes never wait for DDL.</summary>
    public int PartitionsAheadDays { get; set; } = 7;

    /// <summary>Every error in these settings, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RetentionDays is < 2 or > 36_500)
        {
            errors.Add($"Storage:RetentionDays must be between 2 and 36500 days (got {RetentionDays}).");
        }
        if (RollupRetentionDays < RetentionDays || RollupRetentionDays > 36_500)
        {
            errors.Add($"Storage:RollupRetentionDays must be between Storage:RetentionDays ({RetentionDays}) and 36500 days (got {RollupRetentionDays}).");
        }
        if (PartitionsAheadDays is < 1 or > 90)
        {
            errors.Add($"Storage:PartitionsAheadDays must be between 1 and 90 (got {PartitionsAheadDays}).");
        }
        return errors;
    }
}
