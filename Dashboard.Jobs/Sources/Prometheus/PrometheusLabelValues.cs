namespace Dashboard.Jobs.Sources.Prometheus;

/// <summary>
/// The values of one label as Prometheus answered them (for <c>__name__</c>: the metric names it holds), with the
/// warnings that came along. <see cref="Truncated"/> says more values exist than the limit asked for.
/// </summary>
public sealed record PrometheusLabelValues(IReadOnlyList<string> Values, IReadOnlyList<string> Warnings, bool Truncated);
