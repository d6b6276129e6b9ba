using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Advice;

public class CacheArithmeticTests
{
    // Layer, latency min-max ms, hit rate min-max (-1 = varies / not applicable).
    public static TheoryData<string, double, double, double, double> Table => new()
    {
        { "Browser", 0, 0, 0.30, 0.50 },
        { "CDN / edge", 5, 20, 0.60, 0.90 },
        { "Application", 1, 5, 0.70, 0.95 },
        { "DB query cache", 10, 50, -1, -1 },
        { "Primary DB", 20, 500, -1, -1 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Layers_MatchTheTable(string name, double latencyMin, double latencyMax, double hitMin, double hitMax)
    {
        var layer = Assert.Single(CacheLayerCatalog.Layers, l => l.Name == name);

        Assert.Equal((latencyMin, latencyMax), layer.LatencyMs);
        (double, double)? expected = hitMin < 0 ? null : (hitMin, hitMax);
        (double, double)? actual = layer.HitRate is { } h ? (h.Min.Value, h.Max.Value) : null;
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Constants_GoodCacheCutsLoad80To90_StalenessTolerance5To30Seconds()
    {
        Assert.Equal((0.80, 0.90), (CacheLayerCatalog.GoodCacheDbLoadCut.Min.Value, CacheLayerCatalog.GoodCacheDbLoadCut.Max.Value));
        Assert.Equal((5, 30), CacheLayerCatalog.TolerableStalenessSeconds);
    }

    [Theory]
    [InlineData(new double[0], 0)]
    [InlineData(new[] { 0.9 }, 0.9)]
    [InlineData(new[] { 0.5, 0.9 }, 0.95)]
    [InlineData(new[] { 0.3, 0.6, 0.7 }, 0.916)]
    [InlineData(new[] { 1.0, 0.5 }, 1)]
    public void DbReadReduction_MultipliesWhatGetsThrough(double[] hits, double expected)
    {
        Assert.Equal(expected, CacheArithmetic.DbReadReduction(hits.Select(Ratio.Of)).Value, 9);
    }

    [Fact]
    public void ExpectedDbReadReduction_ApplicationLayerAlone_Is70To95Percent()
    {
        var app = CacheLayerCatalog.Layers.Where(l => l.Name == "Application");

        var (min, max) = CacheArithmetic.ExpectedDbReadReduction(app);

        Assert.Equal((0.70, 0.95), (Math.Round(min.Value, 9), Math.Round(max.Value, 9)));
    }

    [Fact]
    public void ExpectedDbReadReduction_AllLayers_SkipsUnquotedRates()
    {
        var (min, max) = CacheArithmetic.ExpectedDbReadReduction(CacheLayerCatalog.Layers);

        Assert.Equal(1 - (0.7 * 0.4 * 0.3), min.Value, 9);
        Assert.Equal(1 - (0.5 * 0.1 * 0.05), max.Value, 9);
    }

    [Fact]
    public void Law_AddingALayerNeverRaisesDbReads()
    {
        var random = new Random(42);
        for (var i = 0; i < 500; i++)
        {
            var hits = Enumerable.Range(0, random.Next(0, 5)).Select(_ => Ratio.Of(random.NextDouble())).ToList();
            var extra = Ratio.Of(random.NextDouble());

            var before = CacheArithmetic.DbReadReduction(hits).Value;
            var after = CacheArithmetic.DbReadReduction([.. hits, extra]).Value;

            Assert.True(after >= before - 1e-12, $"adding {extra} lowered reduction from {before} to {after}");
            Assert.InRange(after, 0, 1);
        }
    }
}
