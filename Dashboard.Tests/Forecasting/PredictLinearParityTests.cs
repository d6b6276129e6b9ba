using System.Globalization;
using Dashboard.Domain.Forecasting;
using Xunit.Abstractions;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Forecasting;

/// <summary>
/// LinearTrend against the real Prometheus 2.42: the same samples loaded into its TSDB, then <c>deriv</c> and
/// <c>predict_linear</c> asked at several evaluation times, ranges and horizons, and compared with LinearTrend fed
/// the samples the range selector picks. Needs /usr/bin/prometheus and /usr/bin/promtool (scripts/stack.sh).
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
public class PredictLinearParityTests(ParityPrometheus prometheus, ITestOutputHelper output) : IClassFixture<ParityPrometheus>
{
    public const double Tolerance = 1e-9;

    public static TheoryData<string> SeriesNames => [.. ParityData.Series.Select(s => s.Name)];

    [Fact]
    public async Task RangeSelector_SamplesOnBothEdges_AreIncluded()
    {
        var evaluation = ParityData.T0 + 3_900_000; // clean_line has a sample every whole minute

        var atEdge = await RawSamplesAsync("clean_line", evaluation, 300);
        var justAfter = await RawSamplesAsync("clean_line", evaluation + 1, 300);

        Assert.Equal(6, atEdge.Count);
        Assert.Equal(evaluation - 300_000, atEdge[0].UnixMilliseconds);
        Assert.Equal(evaluation, atEdge[^1].UnixMilliseconds);
        Assert.Equal(5, justAfter.Count);
        Assert.Equal(evaluation - 240_000, justAfter[0].UnixMilliseconds);
    }

    [Theory]
    [MemberData(nameof(SeriesNames))]
    public async Task RangeSelector_EveryWindow_PicksTheSamplesLinearTrendIsGiven(string name)
    {
        var series = ParityData.Find(name);
        foreach (var (evaluation, range) in Windows())
        {
            var expected = ParityData.Window(series, evaluation, range);

            var actual = await RawSamplesAsync(name, evaluation, range);

            // Equals on doubles treats NaN as equal to NaN and compares everything else exactly.
            Assert.True(expected.SequenceEqual(actual),
                $"{name} at {evaluation} over {range}s: loaded [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]");
        }
    }

    [Theory]
    [MemberData(nameof(SeriesNames))]
    public async Task Deriv_EveryWindow_MatchesPrometheus(string name)
    {
        var series = ParityData.Find(name);
        var tally = new ParityTally(name, "deriv");
        foreach (var (evaluation, range) in Windows())
        {
            var window = ParityData.Window(series, evaluation, range);

            var answer = await ValueAsync($"deriv({ParityData.Selector(name, range)})", evaluation);

            tally.Record(window.Length, () => LinearTrend.Deriv(window), answer, $"deriv at {evaluation} over {range}s");
        }

        output.WriteLine(tally.Summary);
        tally.AssertAgreement();
    }

    [Theory]
    [MemberData(nameof(SeriesNames))]
    public async Task PredictLinear_EveryWindowAndHorizon_MatchesPrometheus(string name)
    {
        var series = ParityData.Find(name);
        var tally = new ParityTally(name, "predict_linear");
        foreach (var (evaluation, range) in Windows())
        {
            var window = ParityData.Window(series, evaluation, range);
            foreach (var ahead in ParityData.SecondsAhead)
            {
                var horizon = ahead.ToString("R", CultureInfo.InvariantCulture);

                var answer = await ValueAsync($"predict_linear({ParityData.Selector(name, range)}, {horizon})", evaluation);

                tally.Record(window.Length, () => LinearTrend.PredictLinear(window, evaluation, ahead), answer,
                    $"predict_linear at {evaluation} over {range}s, {horizon}s ahead");
            }
        }

        output.WriteLine(tally.Summary);
        tally.AssertAgreement();
    }

    private static IEnumerable<(long Evaluation, int Range)> Windows() =>
        from evaluation in ParityData.EvaluationTimes
        from range in ParityData.RangeSeconds
        select (evaluation, range);

    private async Task<double?> ValueAsync(string promql, long evaluation) =>
        (await prometheus.QueryAsync(promql, evaluation)).SingleValueOrNull();

    private async Task<List<TimedValue>> RawSamplesAsync(string name, long evaluation, int rangeSeconds)
    {
        var result = await prometheus.QueryAsync(ParityData.Selector(name, rangeSeconds), evaluation);
        return [.. result.Series.SelectMany(s => s.Samples)
            .Select(s => new TimedValue(s.Timestamp.ToUnixTimeMilliseconds(), s.Value))];
    }
}
