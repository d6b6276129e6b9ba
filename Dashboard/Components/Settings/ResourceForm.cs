using Dashboard.Domain.Catalog;
using Dashboard.Services.Resources;

namespace Dashboard.Components.Settings;

/// <summary>The resource editor's mutable state; converted to the draft the API and the rules take.</summary>
public sealed class ResourceForm
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Category { get; set; } = nameof(MetricCategory.Saturation);
    public string Unit { get; set; } = MetricUnits.Percent;
    public string Direction { get; set; } = "AboveIsBad";
    public double? Warning { get; set; } = 80;
    public double? Critical { get; set; } = 90;
    public int? SustainedForSeconds { get; set; } = 300;
    public string UsageQuery { get; set; } = "";
    public string CapacityQuery { get; set; } = "";
    public string EntityLabel { get; set; } = "";
    public string Note { get; set; } = "";
    public string LoadModel { get; set; } = "Linear";
    public bool IsBuiltIn { get; set; }

    /// <summary>A built-in's query as loaded, and whether it was saved (rather than the configured or default one).</summary>
    public string LoadedQuery { get; private set; } = "";
    public bool LoadedQueryWasSaved { get; private set; }

    /// <summary>Set to go back to the configured or default query of a built-in.</summary>
    public bool ResetQuery { get; set; }

    /// <summary>An existing resource, as it is saved now (a built-in's query only when one is saved).</summary>
    public static ResourceForm From(ResourceView r) => new()
    {
        Id = r.Id,
        Name = r.Name,
        Category = r.Category,
        Unit = r.UsageUnit ?? r.Unit,
        Direction = r.Direction,
        Warning = r.Warning,
        Critical = r.Critical,
        SustainedForSeconds = r.SustainedForSeconds,
        UsageQuery = r.UsageQuery,
        CapacityQuery = r.CapacityQuery ?? "",
        EntityLabel = r.EntityLabel ?? "",
        Note = r.Note,
        LoadModel = r.LoadModel,
        IsBuiltIn = r.IsBuiltIn,
        LoadedQuery = r.UsageQuery,
        LoadedQueryWasSaved = r.QuerySource == "saved",
    };

    /// <summary>The draft to check and save.</summary>
    public ResourceDraft ToDraft() => new()
    {
        Id = Id.Trim(),
        Name = Name,
        Category = Category,
        Unit = Unit,
        Direction = Direction,
        Warning = Warning,
        Critical = Critical,
        SustainedForSeconds = SustainedForSeconds,
        // A built-in keeps following its configured or default query unless its query was saved or is changed here.
        UsageQuery = IsBuiltIn && (ResetQuery || (!LoadedQueryWasSaved && UsageQuery.Trim() == LoadedQuery.Trim())) ? null : UsageQuery,
        CapacityQuery = string.IsNullOrWhiteSpace(CapacityQuery) ? null : CapacityQuery,
        EntityLabel = string.IsNullOrWhiteSpace(EntityLabel) ? null : EntityLabel.Trim(),
        Note = Note,
        LoadModel = LoadModel,
    };
}
