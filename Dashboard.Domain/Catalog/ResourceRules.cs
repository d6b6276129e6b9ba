using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;

namespace Dashboard.Domain.Catalog;

/// <summary>
/// The rules a resource definition must meet, each broken rule named by its field. A built-in (a
/// <see cref="MetricCatalog.Default"/> id) keeps its name, category, unit and direction; only its query,
/// levels, window, entity label and note may change.
/// </summary>
public static partial class ResourceRules
{
    /// <summary>Every problem with <paramref name="draft"/>; empty when it is valid.</summary>
    public static IReadOnlyList<InputProblem> Check(ResourceDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<InputProblem>();
        var builtIn = MetricCatalog.Default.TryGet(draft.Id ?? "", out var catalog) ? catalog : null;
        CheckId(draft.Id, problems);
        if (builtIn is null)
        {
            Text(draft.Name, "name", ResourceLimits.NameLength, required: true, problems);
            OneOf<MetricCategory>(draft.Category, "category", problems);
            if (draft.Unit is not { } unit || !MetricUnits.All.Contains(unit))
            {
                problems.Add(new("unit", $"unit must be one of {string.Join(", ", MetricUnits.All.Select(u => $"'{u}'"))}, but was {Quote(draft.Unit)}."));
            }
            OneOf<ThresholdDirection>(draft.Direction, "direction", problems);
            Query(draft.UsageQuery, "usageQuery", required: true, problems);
        }
        else
        {
            Query(draft.UsageQuery, "usageQuery", required: false, problems);
            if (!string.IsNullOrWhiteSpace(draft.CapacityQuery))
            {
                problems.Add(new("capacityQuery", $"capacityQuery cannot be set on the built-in '{builtIn.Id}': its figure is in {builtIn.Unit}; define a resource of your own for usage against capacity."));
            }
        }
        Query(draft.CapacityQuery, "capacityQuery", required: false, problems);
        if (draft.EntityLabel is { Length: > 0 } label && !EntityLabels.IsValid(label))
        {
            problems.Add(new("entityLabel",
                $"entityLabel must be a Prometheus label name (letters, digits, underscores, not starting with a digit), or several separated by commas (e.g. 'namespace, pod'), but was {Quote(label)}."));
        }
        Text(draft.Note, "note", ResourceLimits.NoteLength, required: false, problems);
        if (draft.LoadModel is { Length: > 0 })
        {
            OneOf<LoadModelChoice>(draft.LoadModel, "loadModel", problems);
        }
        Levels(draft, builtIn, problems);
        return problems;
    }

    private static void CheckId(string? id, List<InputProblem> problems)
    {
        if (string.IsNullOrEmpty(id) || id.Length > ResourceLimits.IdLength || !IdPattern().IsMatch(id))
        {
            problems.Add(new("id", $"id must be 2-{ResourceLimits.IdLength} lower-case letters, digits or underscores starting with a letter (e.g. 'redis_memory'), but was {Quote(id)}."));
        }
    }

    private static void Levels(ResourceDraft draft, MetricDefinition? builtIn, List<InputProblem> problems)
    {
        var levelsOk = true;
        foreach (var (value, field) in new[] { (draft.Warning, "warning"), (draft.Critical, "critical") })
        {
            if (value is not { } v || !double.IsFinite(v) || Math.Abs(v) > ResourceLimits.MaxLevel)
            {
                problems.Add(new(field, $"{field} is required: a finite number within ±{ResourceLimits.MaxLevel:0e0}, but was {Show(value)}."));
                levelsOk = false;
            }
        }
        if (draft.SustainedForSeconds is { } s && (s < 0 || s > ResourceLimits.MaxSustainedFor.TotalSeconds))
        {
            problems.Add(new("sustainedForSeconds", $"sustainedForSeconds must be between 0 and {ResourceLimits.MaxSustainedFor.TotalSeconds:0} (one day), but was {s}."));
        }
        var direction = builtIn?.Threshold.Direction
            ?? (Enum.TryParse<ThresholdDirection>(draft.Direction, ignoreCase: false, out var d) && Enum.IsDefined(d) ? d : (ThresholdDirection?)null);
        if (!levelsOk || direction is not { } dir)
        {
            return;
        }
        var percent = builtIn?.Unit == MetricUnits.Percent || (builtIn is null && (draft.Unit == MetricUnits.Percent || !string.IsNullOrWhiteSpace(draft.CapacityQuery)));
        if (percent && (draft.Warning is < 0 or > 100 || draft.Critical is < 0 or > 100))
        {
            problems.Add(new("warning", "warning and critical are percentages (of capacity, with a capacity query) and must be between 0 and 100."));
            return;
        }
        var (warning, critical) = (draft.Warning!.Value, draft.Critical!.Value);
        if (dir == ThresholdDirection.AboveIsBad ? critical < warning : critical > warning)
        {
            var side = dir == ThresholdDirection.AboveIsBad ? "at or above" : "at or below";
            problems.Add(new("critical", $"critical ({Show(critical)}) must be {side} warning ({Show(warning)}) when {(dir == ThresholdDirection.AboveIsBad ? "above" : "below")} is bad."));
        }
    }

    private static void Query(string? query, string field, bool required, List<InputProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            if (required)
            {
                problems.Add(new(field, $"{field} is required: the PromQL that answers the current value, one series per entity."));
            }
            return;
        }
        Text(query, field, ResourceLimits.QueryLength, required, problems, allowNewlines: true);
    }

    private static void Text(string? text, string field, int maxLength, bool required, List<InputProblem> problems, bool allowNewlines = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                problems.Add(new(field, $"{field} is required."));
            }
            return;
        }
        if (text.Length > maxLength)
        {
            problems.Add(new(field, $"{field} is {text.Length} characters long; at most {maxLength} are allowed."));
        }
        else if (text.ToList().FindIndex(c => char.IsControl(c) && !(allowNewlines && c is '\n' or '\r' or '\t')) is var at and >= 0)
        {
            problems.Add(new(field, $"{field} contains the control character U+{(int)text[at]:X4} at position {at + 1}, which is not allowed."));
        }
    }

    private static void OneOf<T>(string? value, string field, List<InputProblem> problems)
        where T : struct, Enum
    {
        if (value is null || !Enum.GetNames<T>().Contains(value, StringComparer.Ordinal))
        {
            problems.Add(new(field, $"{field} must be one of {string.Join(", ", Enum.GetNames<T>())}, but was {Quote(value)}."));
        }
    }

    private static string Quote(string? value) => value is null ? "nothing" : $"'{(value.Length > 40 ? value[..40] + "…" : value)}'";

    private static string Show(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "nothing";

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$")]
    private static partial Regex IdPattern();
}
