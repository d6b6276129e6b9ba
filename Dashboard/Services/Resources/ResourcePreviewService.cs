using Dashboard.Components.Shared;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Domain.Series;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Sources.Prometheus;

namespace Dashboard.Services.Resources;

/// <summary>
/// Evaluates a draft's queries on the connected Prometheus now, for the editor and
/// <c>POST /api/v1/resources/preview</c>: the series found with their labels and values in the unit, or
/// Prometheus' own error verbatim. Nothing is stored.
/// </summary>
public sealed class ResourcePreviewService(PrometheusClient prometheus, TimeProvider time)
{
    /// <summary>The most series listed per query (the total is always given).</summary>
    public const int MaxSeries = 50;

    /// <summary>The problems with a request, by field; empty when it can be evaluated.</summary>
    public static IReadOnlyList<InputProblem> Check(PreviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var draft = new ResourceDraft
        {
            Id = "preview",
            Name = "preview",
            Category = nameof(MetricCategory.Saturation),
            Unit = request.Unit ?? MetricUnits.Count,
            Direction = "AboveIsBad",
            Warning = 0,
            Critical = 0,
            UsageQuery = request.Query,
            CapacityQuery = request.CapacityQuery,
            EntityLabel = request.EntityLabel,
        };
        // The draft's own rules, reported under the request's field names.
        return [.. ResourceRules.Check(draft).Select(p => p.Field == "usageQuery" ? p with { Field = "query", Message = p.Message.Replace("usageQuery", "query", StringComparison.Ordinal) } : p)];
    }

    /// <summary>Evaluates the request (check it first with <see cref="Check"/>).</summary>
    public async Task<ResourcePreview> PreviewAsync(PreviewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var unit = request.Unit is { } u && MetricUnits.All.Contains(u) ? u : MetricUnits.Count;
        var label = string.IsNullOrWhiteSpace(request.EntityLabel) ? null : request.EntityLabel.Trim();
        var usage = await EvaluateAsync(request.Query!, unit, label, cancellationToken);
        QueryPreview? capacity = null, measured = null;
        if (!string.IsNullOrWhiteSpace(request.CapacityQuery))
        {
            capacity = await EvaluateAsync(request.CapacityQuery, unit, label, cancellationToken);
            measured = await EvaluateAsync(ResourceQuery.Measured(request.Query!, request.CapacityQuery, label), MetricUnits.Percent, label, cancellationToken);
        }
        return new ResourcePreview(time.GetUtcNow(), usage, capacity, measured, Notes(usage, capacity, measured, label));
    }

    private async Task<QueryPreview> EvaluateAsync(string query, string unit, string? label, CancellationToken cancellationToken)
    {
        try
        {
            var result = await prometheus.QueryAsync(query, null, cancellationToken);
            if (result.StringValue is { } text)
            {
                return new QueryPreview(query, [], 0, "the query answers a string, not numbers: " + text, result.Warnings);
            }
            var series = result.Series.Take(MaxSeries).Select(s => Series(s, unit, label)).ToList();
            return new QueryPreview(query, series, result.Series.Count, null, result.Warnings);
        }
        catch (PrometheusQueryException ex)
        {
            return new QueryPreview(query, [], 0, $"{ex.ErrorType}: {ex.Error}", ex.Warnings);
        }
    }

    private static PreviewSeries Series(PrometheusSeries series, string unit, string? label)
    {
        var value = series.Samples.Count > 0 ? series.Samples[^1].Value : double.NaN;
        var entity = (label is null ? null : EntityLabels.ValueOf(series.Labels, label)) ?? LabelSet.Of(series.Labels).Text;
        return double.IsFinite(value)
            ? new PreviewSeries(series.Labels, entity, value, Humanize.Value(value, unit))
            : new PreviewSeries(series.Labels, entity, null, double.IsNaN(value) ? "NaN (no value: e.g. 0/0)" : value > 0 ? "+Inf" : "-Inf");
    }

    private static List<string> Notes(QueryPreview usage, QueryPreview? capacity, QueryPreview? measured, string? label)
    {
        var notes = new List<string>();
        if (usage.Error is null && usage.Total == 0)
        {
            notes.Add("The query is valid but finds no series now: check the metric name and label values (the names below come from this Prometheus).");
        }
        if (label is not null && usage.Series.Count > 0)
        {
            var missing = usage.Series.Count(s => EntityLabels.ValueOf(s.Labels, label) is null);
            if (missing > 0)
            {
                notes.Add($"{missing} of {usage.Series.Count} series have no '{label}' label, so they cannot be told apart by it: aggregate with 'by ({label})' or choose another entity label.");
            }
            var repeated = usage.Series.Select(s => EntityLabels.ValueOf(s.Labels, label)).OfType<string>()
                .GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (repeated.Count > 0)
            {
                notes.Add($"Several series share the {label} value{(repeated.Count > 1 ? "s" : "")} {string.Join(", ", repeated.Take(3).Select(r => $"'{r}'"))}: aggregate with 'by ({label})' so each entity is one series.");
            }
        }
        if (capacity is { Error: null } && measured is { Error: null } && usage.Total > measured.Total)
        {
            notes.Add($"{usage.Total - measured.Total} usage series found no capacity series with the same {(label is null ? "labels" : $"'{label}'")}; they are left out of the figure.");
        }
        return notes;
    }
}
