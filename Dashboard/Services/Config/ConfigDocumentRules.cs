using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Settings;

namespace Dashboard.Services.Config;

/// <summary>
/// The checks a document must pass that need nothing stored: every resource by <see cref="ResourceRules"/> (each
/// problem at its field's line), ids listed once, a built-in's fixed fields left as they are, the SLO and the business
/// profile by <see cref="BusinessProfileInput.Validate"/>. A field the reader already found wrong is not reported twice.
/// </summary>
public static class ConfigDocumentRules
{
    /// <summary>Where each business profile rule's field stands in a document.</summary>
    public static readonly IReadOnlyDictionary<string, string> BusinessPaths = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(BusinessProfileInput.SloTargetPercent)] = "slo.targetPercent",
        [nameof(BusinessProfileInput.ActiveUsers)] = "business.activeUsers",
        [nameof(BusinessProfileInput.MonthlyInfraSpendUsd)] = "business.monthlyInfraSpendUsd",
        [nameof(BusinessProfileInput.ConversionBaselineLatencyMs)] = "business.conversionBaselineLatencyMs",
        [nameof(BusinessProfileInput.MonthlyRecurringRevenueUsd)] = "business.monthlyRecurringRevenueUsd",
        [nameof(BusinessProfileInput.RevenuePerConversionUsd)] = "business.revenuePerConversionUsd",
    };

    /// <summary>The reader's problems and these checks' problems, in document order.</summary>
    public static IReadOnlyList<ConfigProblem> Check(ConfigReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.Document is not { } document)
        {
            return read.Problems;
        }
        var at = read.Positions;
        var found = new List<ConfigProblem>();
        if (document.Prune && document.Resources is null)
        {
            found.Add(at.At("prune", "prune: true deletes the user-defined resources that the resources list leaves out, but there is no resources list; add one (resources: [] deletes them all)."));
        }
        var resources = document.Resources ?? [];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < resources.Count; i++)
        {
            var draft = resources[i];
            var path = $"resources[{i}]";
            foreach (var problem in ResourceRules.Check(draft))
            {
                found.Add(at.At($"{path}.{problem.Field}", problem.Message));
            }
            if (draft.Id is { } id && !seen.TryAdd(id, i))
            {
                found.Add(at.At($"{path}.id", $"'{id}' is listed twice (also resources[{seen[id]}]); list each resource once."));
            }
            if (MetricCatalog.Default.TryGet(draft.Id ?? "", out var builtIn))
            {
                Fixed(draft.Name, builtIn.Name, "name");
                Fixed(draft.Category, builtIn.Category.ToString(), "category");
                Fixed(draft.Unit, builtIn.Unit, "unit");
                Fixed(draft.Direction, builtIn.Threshold.Direction.ToString(), "direction");

                void Fixed(string? given, string catalog, string field)
                {
                    if (given is not null && given != catalog)
                    {
                        found.Add(at.At($"{path}.{field}",
                            $"{field} of the built-in '{builtIn.Id}' is '{catalog}' and cannot change; leave it out (define a resource of your own for another {field})."));
                    }
                }
            }
        }

        // The profile's rules, on the document's values with valid stand-ins for what it leaves out.
        var input = new BusinessProfileInput
        {
            SloTargetPercent = document.Slo?.TargetPercent ?? new BusinessProfileInput().SloTargetPercent,
            ActiveUsers = document.Business?.ActiveUsers ?? 0,
            MonthlyInfraSpendUsd = document.Business?.MonthlyInfraSpendUsd ?? 0,
            ConversionBaselineLatencyMs = document.Business?.ConversionBaselineLatencyMs,
            MonthlyRecurringRevenueUsd = document.Business?.Revenue?.MonthlyRecurringRevenueUsd ?? 0,
            RevenuePerConversionUsd = document.Business?.Revenue?.RevenuePerConversionUsd,
        };
        foreach (var (field, messages) in input.Validate())
        {
            found.AddRange(messages.Select(m => at.At(BusinessPaths[field], m)));
        }

        var reported = read.Problems.Select(p => p.Field).Where(f => f.Length > 0).ToList();
        return [.. read.Problems.Concat(found.Where(p => !reported.Any(r => Covers(r, p.Field))))
            .OrderBy(p => p.Line).ThenBy(p => p.Column)];
    }

    /// <summary>Whether a problem already reported at <paramref name="reported"/> covers <paramref name="field"/> (the same field or one enclosing it).</summary>
    private static bool Covers(string reported, string field) =>
        field == reported || field.StartsWith(reported + ".", StringComparison.Ordinal) || field.StartsWith(reported + "[", StringComparison.Ordinal);
}
