using System.Globalization;
using System.Text;
using Dashboard.Jobs.Sources.Exposition;

namespace Dashboard.Tests.Sources.Exposition;

/// <summary>What the parser returns for valid input: families, labels, values, timestamps.</summary>
public sealed class ExpositionParserTests
{
    private static IReadOnlyList<MetricFamily> Parse(string body, ExpositionFormat format = ExpositionFormat.PrometheusText) =>
        new ExpositionParser().Parse(Encoding.UTF8.GetBytes(body), format);

    [Fact]
    public void Parse_TextFamilies_NamesTypesHelpAndSamples()
    {
        var families = Parse("""
            # HELP http_seconds Latency with a \\ backslash and a\nnewline.
            # TYPE http_seconds histogram
            http_seconds_bucket{le="0.5"} 1
            http_seconds_bucket{le="+Inf"} 2
            http_seconds_sum 0.7
            http_seconds_count 2
            # TYPE up gauge
            up{job="node"} 1
            loose 3

            """);

        Assert.Equal(["http_seconds", "up", "loose"], families.Select(f => f.Name));
        Assert.Equal([MetricType.Histogram, MetricType.Gauge, MetricType.Unknown], families.Select(f => f.Type));
        Assert.Equal("Latency with a \\ backslash and a\nnewline.", families[0].Help);
        Assert.Equal(["http_seconds_bucket", "http_seconds_bucket", "http_seconds_sum", "http_seconds_count"], families[0].Samples.ToArray().Select(s => s.Name));
        Assert.Equal("+Inf", families[0].Samples.Span[1].GetLabel("le"));
        Assert.Equal(0.7, families[0].Samples.Span[2].Value);
        Assert.Equal("node", families[1].Samples.Span[0].GetLabel("job"));
        Assert.Equal(9, families[2].Samples.Span[0].Line);
    }

    [Fact]
    public void Parse_SpecialValues_NaNAndInfinities()
    {
        var samples = Parse("a NaN\nb +Inf\nc -Inf\nd inf\ne -1.5e-3\n").Select(f => f.Samples.Span[0].Value).ToArray();

        Assert.True(double.IsNaN(samples[0]));
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity, -0.0015], samples[1..]);
    }

    [Fact]
    public void Parse_TextTimestamp_IsMilliseconds()
    {
        var sample = Parse("a 1 1700000000123\n")[0].Samples.Span[0];

        Assert.Equal(DateTimeOffset.Parse("2023-11-14T22:13:20.123Z", CultureInfo.InvariantCulture), sample.Timestamp);
    }

    [Fact]
    public void Parse_OpenMetricsTimestamp_IsSecondsWithFraction()
    {
        var sample = Parse("a 1 1700000000.123\n# EOF\n", ExpositionFormat.OpenMetrics)[0].Samples.Span[0];

        Assert.Equal(DateTimeOffset.Parse("2023-11-14T22:13:20.123Z", CultureInfo.InvariantCulture), sample.Timestamp);
    }

    [Fact]
    public void Parse_NoTimestamp_IsNull()
    {
        Assert.Null(Parse("a 1\n")[0].Samples.Span[0].Timestamp);
    }

    [Fact]
    public void Parse_EscapedLabelValues_Unescaped()
    {
        var labels = Parse("a{q=\"say \\\"hi\\\"\",b=\"c:\\\\dir\",n=\"two\\nlines\",u=\"日本\"} 1\n")[0].Samples.Span[0].Labels.ToArray();

        Assert.Equal(
            [new Label("q", "say \"hi\""), new Label("b", "c:\\dir"), new Label("n", "two\nlines"), new Label("u", "日本")],
            labels);
    }

    [Fact]
    public void Parse_OpenMetrics_TypesUnitExemplarIgnored()
    {
        var families = Parse("""
            # TYPE rpc_seconds histogram
            # UNIT rpc_seconds seconds
            # HELP rpc_seconds RPC latency \"quoted\".
            rpc_seconds_bucket{le="1.0"} 4 # {trace_id="t1"} 0.9 1700000000.0
            rpc_seconds_bucket{le="+Inf"} 5
            rpc_seconds_count 5
            rpc_seconds_sum 3.5
            rpc_seconds_created 1699999999.5
            # TYPE builds info
            builds_info{version="2"} 1
            # EOF
            """, ExpositionFormat.OpenMetrics);

        Assert.Equal(["rpc_seconds", "builds"], families.Select(f => f.Name));
        Assert.Equal("seconds", families[0].Unit);
        Assert.Equal("RPC latency \"quoted\".", families[0].Help);
        Assert.Equal(4, families[0].Samples.Span[0].Value);
        Assert.Null(families[0].Samples.Span[0].Timestamp);
        Assert.Equal(5, families[0].Samples.Length);
        Assert.Equal(MetricType.Info, families[1].Type);
    }

    [Fact]
    public void Parse_ManySamples_EveryLabelSliceIntact()
    {
        // Enough samples and labels to outgrow the first sample and label arrays several times,
        // including within one family.
        var sb = new StringBuilder("# TYPE big gauge\n");
        const int count = 20_000;
        for (var i = 0; i < count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"big{{a=\"{i}\",b=\"{i % 7}\",c=\"x{i}\"}} {i}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"other{{z=\"1\"}} 1\n");

        var families = Parse(sb.ToString());

        var big = families[0].Samples.Span;
        Assert.Equal(count, big.Length);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, big[i].Value);
            Assert.Equal(
                [new Label("a", i.ToString(CultureInfo.InvariantCulture)), new Label("b", (i % 7).ToString(CultureInfo.InvariantCulture)), new Label("c", $"x{i}")],
                big[i].Labels.ToArray());
        }
        Assert.Equal([new Label("z", "1")], families[1].Samples.Span[0].Labels.ToArray());
    }

    [Fact]
    public void Parse_ReusedParser_SameResultsAndSharedStrings()
    {
        var parser = new ExpositionParser();
        var body = "# TYPE c counter\nc{mode=\"idle\"} 1\nc{mode=\"user\"} 2\n"u8.ToArray();

        var first = parser.Parse(body, ExpositionFormat.PrometheusText);
        var second = parser.Parse(body, ExpositionFormat.PrometheusText);

        Assert.Equal(first[0].Samples.ToArray().Select(s => (s.Name, s.Value, s.GetLabel("mode"))), second[0].Samples.ToArray().Select(s => (s.Name, s.Value, s.GetLabel("mode"))));
        Assert.Same(first[0].Samples.Span[0].Labels.Span[0].Value, second[0].Samples.Span[0].Labels.Span[0].Value);
    }

    [Theory]
    [InlineData(5 * 1024, ExpositionFormat.PrometheusText)]
    [InlineData(64 * 1024, ExpositionFormat.PrometheusText)]
    [InlineData(5 * 1024, ExpositionFormat.OpenMetrics)]
    [InlineData(64 * 1024, ExpositionFormat.OpenMetrics)]
    public void Check_LongLabelValue_AcceptedWithWarning(int bytes, ExpositionFormat format)
    {
        // Prometheus' label_value_length_limit is 0 (none) unless a scrape config sets it.
        var value = string.Concat(Enumerable.Repeat("/api/v1/", bytes / 8));
        var eof = format == ExpositionFormat.OpenMetrics ? "# EOF\n" : "";
        var body = Encoding.UTF8.GetBytes($"# TYPE req counter\nreq_total{{path=\"{value}\"}} 3\n{eof}");

        var result = new ExpositionParser().Check(body, format);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(value, result.Families[0].Samples.Span[0].GetLabel("path"));
        Assert.Equal(3, result.Families[0].Samples.Span[0].Value);
        Assert.Equal(new ExpositionProblem(2, $"value of label path is {bytes} bytes, longer than 4096 (Prometheus takes it unless label_value_length_limit is set)"), Assert.Single(result.Warnings));
    }

    [Fact]
    public void Parse_UnknownEscapes_KeptAsWrittenAsPrometheusDoes()
    {
        var families = Parse("# HELP dir Files in C:\\temp.\ndir{path=\"C:\\temp\\q\"} 1\n");

        Assert.Equal("Files in C:\\temp.", families[0].Help);
        Assert.Equal("C:\\temp\\q", families[0].Samples.Span[0].GetLabel("path"));
    }

    [Fact]
    public void Parse_DuplicateSeries_KeepsTheFirstSample()
    {
        var families = Parse("a{x=\"1\"} 1\na{x=\"1\"} 2\na{x=\"2\"} 3\n");

        Assert.Equal([1.0, 3.0], families[0].Samples.ToArray().Select(s => s.Value));
    }

    [Fact]
    public void Parse_TextLabelValueOverTwoLines_ValueKeepsTheLineFeedAndLinesStayCounted()
    {
        var families = Parse("a{l=\"x\ny\"} 1\nb 2\n");

        Assert.Equal("x\ny", families[0].Samples.Span[0].GetLabel("l"));
        Assert.Equal(3, families[1].Samples.Span[0].Line);
    }

    [Fact]
    public void Parse_Invalid_ThrowsWithLineAndAllProblems()
    {
        var ex = Assert.Throws<ExpositionException>(() => Parse("ok 1\nbad{ 1\nworse\n"));

        Assert.Equal(2, ex.Line);
        Assert.Equal(2, ex.Problems.Count);
        Assert.Equal("invalid exposition: line 2: expected a label name or '}', found '1' (and 1 more problem)", ex.Message);
    }

    [Fact]
    public void Check_ManyProblems_StopsAtLimit()
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("?\n", 50)));

        var result = new ExpositionParser(new ExpositionLimits { MaxProblems = 5 }).Check(body, ExpositionFormat.PrometheusText);

        Assert.Equal(6, result.Problems.Count);
        Assert.Equal("stopped after 5 problems", result.Problems[^1].Message);
    }
}
