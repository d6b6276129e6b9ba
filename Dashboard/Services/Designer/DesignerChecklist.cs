using Dashboard.Domain.Catalog;

namespace Dashboard.Services.Designer;

/// <summary>
/// The checklist items a designer cares about: the catalog has no audience field, so these are
/// chosen here as the items that change what users feel (speed, and knowing when it degrades),
/// each with why it matters to design.
/// </summary>
public static class DesignerChecklist
{
    public static IReadOnlyList<(string Id, string Why)> Items { get; } =
    [
        ("basic_monitoring", "latency and errors users feel are measured, so regressions are seen"),
        ("static_assets_cdn", "pages, fonts and images load from nearby"),
        ("redis_cache", "hot pages answer from memory instead of the database"),
        ("load_test_5x", "pages stay within budget at five times today's traffic"),
        ("edge_computing", "latency-sensitive paths run close to users"),
    ];

    /// <summary>True when every id names a catalog item (checked by a test, so a catalog rename cannot drop one silently).</summary>
    public static bool AllInCatalog => Items.All(i => ChecklistCatalog.Items.Any(c => c.Id == i.Id));
}
