using System.Text;
using Dashboard.Jobs.Sources.Prometheus;

namespace Dashboard.Tests.Sources.Prometheus;

public sealed class PrometheusResponseParserTests
{
    private static PrometheusQueryResult Parse(string json) => PrometheusResponseParser.Parse(Encoding.UTF8.GetBytes(json), "http://p/api/v1/query");

    [Fact]
    public void Parse_MatrixWithWarnings_ReturnsSeriesAndWarnings()
    {
        var result = Parse("""
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"__name__":"up","job":"node","instance":"h:9100"},"values":[[1700000000,"1"],[1700000015.5,"NaN"],[1700000030,"+Inf"],[1700000045,"-Inf"],[1700000060,"1e3"]]}
            ]},"warnings":["partial response: store down"]}
            """);

        Assert.Equal(PrometheusResultType.Matrix, result.ResultType);
        var series = Assert.Single(result.Series);
        Assert.Equal("instance=\"h:9100\",job=\"node\"", series.Entity);
        Assert.Equal([1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1000], series.Samples.Select(s => s.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_015_500), series.Samples[1].Timestamp);
        Assert.Equal(["partial response: store down"], result.Warnings);
    }

    [Fact]
    public void Parse_EmptyVector_IsNoData()
    {
        var result = Parse("""{"status":"success","data":{"resultType":"vector","result":[]}}""");

        Assert.True(result.IsNoData);
        Assert.Null(result.SingleValueOrNull());
    }

    [Fact]
    public void Parse_ErrorWithWarnings_ThrowsWithTypeMessageAndWarnings()
    {
        var error = Assert.Throws<PrometheusQueryException>(() =>
            Parse("""{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation","warnings":["w"]}"""));

        Assert.Equal("timeout", error.ErrorType);
        Assert.Equal("query timed out in expression evaluation", error.Error);
        Assert.Equal(["w"], error.Warnings);
        Assert.Contains("http://p/api/v1/query", error.Message);
    }

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("""{"status":"success"}""")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}}""")]
    public void Parse_NotApiJson_ThrowsBadResponse(string body)
    {
        var error = Assert.Throws<PrometheusQueryException>(() => Parse(body));

        Assert.Equal(PrometheusQueryException.BadResponse, error.ErrorType);
    }

    [Fact]
    public void Parse_String_KeepsText()
    {
        var result = Parse("""{"status":"success","data":{"resultType":"string","result":[1700000000,"hello"]}}""");

        Assert.Equal("hello", result.StringValue);
        Assert.False(result.IsNoData);
    }

    [Fact]
    public void ToObservations_Vector_OneObservationPerSeriesWithEntity()
    {
        var result = Parse("""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"instance":"a"},"value":[1700000000,"12.5"]},
              {"metric":{"instance":"b"},"value":[1700000000,"NaN"]}]}}
            """);

        var observations = result.ToObservations("cpu").ToList();

        Assert.Equal(2, observations.Count);
        Assert.Equal(("cpu", "instance=\"a\"", 12.5), (observations[0].Metric, observations[0].Entity, observations[0].Value));
        Assert.True(double.IsNaN(observations[1].Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), observations[1].Timestamp);
    }
}
