namespace Dashboard.Domain.Catalog;

/// <summary>The bounds on a user-defined resource's fields (checked by <see cref="ResourceRules"/>, enforced by the schema).</summary>
public static class ResourceLimits
{
    /// <summary>Longest id (also the database key's length).</summary>
    public const int IdLength = 64;

    /// <summary>Longest display name.</summary>
    public const int NameLength = 128;

    /// <summary>Longest PromQL expression (usage or capacity).</summary>
    public const int QueryLength = 4_000;

    /// <summary>Longest entity label name.</summary>
    public const int LabelLength = 128;

    /// <summary>Longest note.</summary>
    public const int NoteLength = 1_000;

    /// <summary>Longest sustained-for window, one day.</summary>
    public static readonly TimeSpan MaxSustainedFor = TimeSpan.FromDays(1);

    /// <summary>Largest magnitude of a level (beyond it a figure is surely a typo).</summary>
    public const double MaxLevel = 1e15;
}
