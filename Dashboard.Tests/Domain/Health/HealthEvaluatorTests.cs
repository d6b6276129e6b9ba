using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Health;

public class HealthEvaluatorTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);
    private readonly ManualTimeProvider clock = new();

    private HealthEvaluator Evaluator => new(clock, StaleAfter);

    [Theory]
    [InlineData("latency_p50", 120, HealthStatus.Ok)]
    [InlineData("latency_p50", 200, HealthStatus.Ok)]
    [InlineData("latency_p50", 201, HealthStatus.Warning)]
    [InlineData("latency_p50", 501, HealthStatus.Critical)]
    [InlineData("uptime", 99.95, HealthStatus.Ok)]
    [InlineData("uptime", 99.7, HealthStatus.Warning)]
    [InlineData("uptime", 99.0, HealthStatus.Critical)]
    [InlineData("payment_success", 97, HealthStatus.Warning)]
    [InlineData("payment_success", 94.9, HealthStatus.Critical)]
    public void Evaluate_FreshReading_MapsBreachToStatus(string metricId, double value, HealthStatus expected)
    {
        var threshold = MetricCatalog.Default.Get(metricId).Threshold;

        var status = Evaluator.Evaluate(threshold, new Reading(value, clock.GetUtcNow()));

        Assert.Equal(expected, status);
    }

    [Fact]
    public void Evaluate_NoReading_IsNoDataNotOk()
    {
        var threshold = MetricCatalog.Default.Get("cpu").Threshold;

        Assert.Equal(HealthStatus.NoData, Evaluator.Evaluate(threshold, null));
    }

    [Fact]
    public void Evaluate_ReadingExactlyStaleAfterOld_IsStillFresh_OneTickOlderIsStale()
    {
        var threshold = MetricCatalog.Default.Get("cpu").Threshold;
        var reading = new Reading(95, clock.GetUtcNow());

        clock.Advance(StaleAfter);
        Assert.Equal(HealthStatus.Critical, Evaluator.Evaluate(threshold, reading));

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(HealthStatus.Stale, Evaluator.Evaluate(threshold, reading));
    }

    [Fact]
    public void Constructor_NonPositiveStaleAfter_Throws()
    {
        var ex = Assert.Throws<DomainValidationException>(() => new HealthEvaluator(clock, TimeSpan.Zero));
        Assert.Contains("Stale-after", ex.Message);
    }

    [Fact]
    public void Reading_NaN_Throws()
    {
        Assert.Throws<DomainValidationException>(() => new Reading(double.NaN, clock.GetUtcNow()));
    }
}
