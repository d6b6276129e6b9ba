namespace Dashboard.Services.Config;

/// <summary>
/// What an import changed (or, on a dry run, would change): resources by id, the business profile's fields in
/// words, the source settings' keys (secrets marked, never shown), and the warnings (a secret dropped).
/// </summary>
public sealed record ConfigImportSummary
{
    public required bool DryRun { get; init; }
    public required IReadOnlyList<string> Created { get; init; }
    public required IReadOnlyList<string> Updated { get; init; }
    public required IReadOnlyList<string> Deleted { get; init; }
    public required int Unchanged { get; init; }
    public required IReadOnlyList<string> BusinessChanged { get; init; }
    public required IReadOnlyList<string> SourcesChanged { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The counts in words, for the audit row and the log.</summary>
    public string Describe() =>
        $"resources: {Created.Count} created{Ids(Created)}, {Updated.Count} updated{Ids(Updated)}, {Deleted.Count} deleted{Ids(Deleted)}, {Unchanged} unchanged; " +
        $"business profile: {(BusinessChanged.Count == 0 ? "unchanged" : string.Join(", ", BusinessChanged))}; " +
        $"sources: {(SourcesChanged.Count == 0 ? "unchanged" : string.Join(", ", SourcesChanged))}" +
        (Warnings.Count == 0 ? "" : $"; {Warnings.Count} warning(s)");

    private static string Ids(IReadOnlyList<string> ids) => ids.Count == 0 ? "" : $" ({string.Join(", ", ids)})";
}

/// <summary>The outcome of an import: a summary, or the errors by line and field (then nothing was changed).</summary>
public sealed record ConfigImportResult(ConfigImportSummary? Summary, IReadOnlyList<ConfigProblem> Errors);
