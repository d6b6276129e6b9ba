using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Sources.Prometheus;

namespace Dashboard.Jobs.Resources.Presets;

/// <summary>
/// Reads the pack files shipped inside this assembly (Resources/Presets/Packs/*.json). Every problem of a file is
/// collected and reported at once, naming the file and the resource, so a bad pack fails the first use loudly.
/// </summary>
public static class PresetLoader
{
    private const string ResourcePrefix = "Dashboard.Jobs.Resources.Presets.Packs.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The pack <paramref name="id"/>.json shipped in this assembly.</summary>
    public static Preset LoadShipped(string id)
    {
        var name = ResourcePrefix + id + ".json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"No pack file {id}.json is shipped (embedded resource {name}).");
        using var reader = new StreamReader(stream);
        return Parse(id + ".json", reader.ReadToEnd());
    }

    /// <summary>A pack from its JSON text; throws <see cref="InvalidOperationException"/> listing every problem.</summary>
    /// <param name="file">The file's name, for messages.</param>
    /// <param name="json">Its text.</param>
    public static Preset Parse(string file, string json)
    {
        PresetDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<PresetDocument>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Pack file {file} is not a pack: {ex.Message}", ex);
        }
        var errors = new List<string>();
        var preset = document is null ? null : ToPreset(document, errors);
        if (preset is null || errors.Count > 0)
        {
            throw new InvalidOperationException($"Pack file {file} is invalid: " + string.Join(" ", errors.DefaultIfEmpty("it is empty.")));
        }
        return preset;
    }

    private static Preset? ToPreset(PresetDocument d, List<string> errors)
    {
        Require(d.Id, "id", errors);
        Require(d.Name, "name", errors);
        Require(d.Description, "description", errors);
        if (d.RequiredMetrics is not { Count: > 0 } || d.RequiredMetrics.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("requiredMetrics must list at least one metric name, none empty.");
        }
        if (d.Resources is not { Count: > 0 })
        {
            errors.Add("resources must list at least one resource.");
            return null;
        }
        var resources = d.Resources.Select(r => ToResource(r, errors)).ToList();
        return errors.Count > 0 ? null : new Preset(d.Id!, d.Name!, d.Description!, d.RequiredMetrics!, [.. resources.OfType<ResourceSpec>()]);
    }

    private static ResourceSpec? ToResource(PresetResourceDocument r, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(r.Id))
        {
            errors.Add("a resource has no id.");
            return null;
        }
        var at = errors.Count;
        Require(r.Note, $"{r.Id}: note", errors);
        if (MetricCatalog.Default.TryGet(r.Id, out _))
        {
            object?[] catalogOwned = [r.Name, r.Category, r.Unit, r.Direction, r.Warning, r.Critical, r.SustainedForSeconds, r.CapacityQuery, r.LoadModel];
            if (catalogOwned.Any(v => v is not null))
            {
                errors.Add($"{r.Id}: a built-in takes its name, category, unit, levels, window and load model from the catalog, and has no capacity query; give only usageQuery, entityLabel and note.");
            }
            return errors.Count > at ? null : BuiltInResource.Repoint(r.Id, r.UsageQuery ?? DefaultQueries.All[r.Id], r.EntityLabel, r.Note!);
        }
        Require(r.Name, $"{r.Id}: name", errors);
        Require(r.UsageQuery, $"{r.Id}: usageQuery", errors);
        if (r.Unit is null || !MetricUnits.All.Contains(r.Unit))
        {
            errors.Add($"{r.Id}: unit must be one of {string.Join(", ", MetricUnits.All)}.");
        }
        if (r.Category is null || r.Direction is null || r.Warning is null || r.Critical is null || r.LoadModel is null)
        {
            errors.Add($"{r.Id}: a custom resource needs category, direction, warning, critical and loadModel.");
            return null;
        }
        var spec = new ResourceSpec(r.Id, r.Name ?? "", r.Category.Value, r.Unit ?? "", r.Direction.Value, r.Warning.Value, r.Critical.Value,
            r.SustainedForSeconds is { } s ? TimeSpan.FromSeconds(s) : null, r.UsageQuery ?? "", r.CapacityQuery, r.EntityLabel, r.Note ?? "", r.LoadModel.Value);
        try
        {
            _ = new Threshold(spec.Warning, spec.Critical, spec.Direction, spec.MeasuredUnit, spec.SustainedFor);
        }
        catch (DomainValidationException ex)
        {
            errors.Add($"{r.Id}: {ex.Message}");
        }
        return errors.Count > at ? null : spec;
    }

    private static void Require(string? value, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{what} must not be empty.");
        }
    }
}
