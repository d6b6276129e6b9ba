using Dashboard.Domain.Series;
using Dashboard.Jobs.Ingest;

namespace Dashboard.Jobs.Sources.Prometheus;

/// <summary>The shape Prometheus answered with (<c>data.resultType</c>).</summary>
public enum PrometheusResultType
{
    Vector,
    Matrix,
    Scalar,
    String,
}

/// <summary>One value at one time. NaN and ±Inf are kept exactly as Prometheus sent them.</summary>
public readonly record struct PrometheusSample(DateTimeOffset Timestamp, double Value);

/// <summary>One series: its labels (including <c>__name__</c> when Prometheus kept it) and its samples, oldest first.</summary>
public sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PrometheusSample> Samples)
{
    /// <summary>The labels without <c>__name__</c>, sorted, as <c>a="x",b="y"</c>: the entity of an <see cref="Observation"/>.</summary>
    public string Entity { get; } = LabelSet.Of(Labels).Text;
}

/// <summary>
/// A successful answer (<c>status: success</c>). An empty <see cref="Series"/> means "no data"
/// (the expression matched nothing): never read it as 0. <see cref="Warnings"/> came with the data
/// and belong in front of the user (e.g. a partial response).
/// </summary>
public sealed record PrometheusQueryResult(
    PrometheusResultType ResultType,
    IReadOnlyList<PrometheusSeries> Series,
    IReadOnlyList<string> Warnings,
    string? StringValue = null)
{
    /// <summary>True when the expression matched nothing: "no data", distinct from a 0 value.</summary>
    public bool IsNoData => Series.Count == 0 && StringValue is null;

    /// <summary>The value of a single-series instant result (vector of one, or a scalar); null for no data.
    /// Throws when there are several series, since picking one would hide the others.</summary>
    public double? SingleValueOrNull() => Series.Count switch
    {
        0 => null,
        1 when Series[0].Samples.Count > 0 => Series[0].Samples[^1].Value,
        1 => null,
        _ => throw new InvalidOperationException($"The result has {Series.Count} series, not one: aggregate the expression or read Series."),
    };

    /// <summary>Every sample of every series as observations of <paramref name="metric"/>, one entity per series.</summary>
    public IEnumerable<Observation> ToObservations(string metric) =>
        Series.SelectMany(s => s.Samples.Select(p => new Observation(metric, s.Entity, p.Timestamp, p.Value)));
}
