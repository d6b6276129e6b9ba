using System.Text;
using Dashboard.Jobs.Sources.Exposition;

namespace Dashboard.Tests.Sources.Exposition;

/// <summary>
/// Malformed and tricky expositions, each with the expected verdict and, for a rejection, the
/// line and the words of the first problem.
/// </summary>
public sealed class ExpositionCorpusTests
{
    private const ExpositionFormat Text = ExpositionFormat.PrometheusText;
    private const ExpositionFormat Om = ExpositionFormat.OpenMetrics;

    // Line: of the first problem, or with Warning of the first warning (0: the body as a whole).
    // Message: part of that problem's or warning's message; null when accepted without a word.
    public sealed record Case(ExpositionFormat Format, string Body, int Line = 0, string? Message = null, ExpositionLimits? Limits = null, bool Warning = false)
    {
        public bool Refused => Message is not null && !Warning;
    }

    private static readonly string HugeLabel = new('x', 5000);
    private static readonly string LongName = new('n', 1500);
    private static readonly string ManyLabels = string.Join(",", Enumerable.Range(0, 65).Select(i => $"l{i}=\"v\""));

    public static readonly Dictionary<string, Case> Cases = new()
    {
        // ---- accepted ----
        ["text: HELP, TYPE, sample"] = new(Text, "# HELP up Whether the target is up.\n# TYPE up gauge\nup 1\n"),
        ["text: empty body"] = new(Text, ""),
        ["text: blank lines and plain comments"] = new(Text, "# a comment\n\n  \n#\nup 1\n\n"),
        ["text: NaN and Inf spellings Go accepts"] = new(Text, "a NaN\nb nan\nc +Inf\nd -Inf\ne Inf\nf infinity\ng -INF\nh 1e-3\ni .5\nj -0\n"),
        ["text: escaped quote, backslash, newline in label"] = new(Text, "a{l=\"q\\\"b\\\\s\\nn\"} 1\n"),
        ["text: trailing comma in labels"] = new(Text, "a{l=\"x\",} 1\n"),
        ["text: millisecond timestamp"] = new(Text, "a 1 1700000000123\n"),
        ["text: tabs, several spaces, trailing blanks"] = new(Text, "a{ l = \"x\" }\t 1  \t1700000000000 \t\n"),
        ["text: valid histogram"] = new(Text, "# TYPE h histogram\nh_bucket{le=\"0.1\"} 1\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 3\nh_sum 1.2\nh_count 3\n"),
        ["text: valid summary"] = new(Text, "# TYPE s summary\ns{quantile=\"0.5\"} NaN\ns{quantile=\"0.99\"} 2\ns_sum 3\ns_count 2\n"),
        ["text: same name, other labels"] = new(Text, "a{x=\"1\"} 1\na{x=\"2\"} 1\na 3\n"),
        ["text: control character and UTF-8 in a label value"] = new(Text, "a{x=\"\u0001 caf\u00e9 \u65e5\"} 1\n"),
        ["text: blank between the name and its labels"] = new(Text, "a {x=\"1\"} 1\n"),
        ["text: value straight after the labels"] = new(Text, "a{x=\"1\"}1\n"),
        ["text: #HELP without a blank is a plain comment"] = new(Text, "#HELP 1bad\na 1\n"),
        ["text: # HELP alone is a plain comment"] = new(Text, "# HELP\na 1\n"),
        ["text: counter family named without _total"] = new(Text, "# TYPE a counter\na_total 1\n"),
        ["text: metric name of 1500 bytes"] = new(Text, $"{LongName} 1\n"),
        ["openmetrics: minimal with # EOF"] = new(Om, "# TYPE a counter\n# HELP a Things.\na_total 1\na_created 1700000000.5\n# EOF\n"),
        ["openmetrics: # EOF without final newline"] = new(Om, "# TYPE a gauge\na 1\n# EOF"),
        ["openmetrics: exemplars skipped"] = new(Om, "# TYPE h histogram\nh_bucket{le=\"1\"} 1 # {trace_id=\"abc\"} 0.5 1700000000.1\nh_bucket{le=\"+Inf\"} 2 1700000000.25 # {trace_id=\"d\"} 9\nh_count 2\nh_sum 3\n# EOF\n"),
        ["openmetrics: UNIT as the name's suffix"] = new(Om, "# TYPE a_seconds gauge\n# UNIT a_seconds seconds\na_seconds 1\n# EOF\n"),
        ["openmetrics: info, stateset, gaugehistogram"] = new(Om, "# TYPE b info\nb_info{version=\"1\"} 1\n# TYPE c stateset\nc{c=\"a\"} 1\nc{c=\"b\"} 0\n# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} 2\ng_gcount 2\ng_gsum 1\n# EOF\n"),

        // ---- accepted, as Prometheus accepts them, with a warning ----
        ["gauge and counter families of one name (Go client)"] = new(Om, "# TYPE a gauge\na 1\n# TYPE a counter\na_total 2\n# EOF\n", 3, "second # TYPE for a (its family began on line 1): a new family of that name begins here", Warning: true),
        ["duplicate series"] = new(Text, "a{x=\"1\"} 1\na{x=\"1\"} 2\n", 2, "duplicate series a{x=\"1\"} (first on line 1); this sample is dropped", Warning: true),
        ["duplicate series, labels in another order"] = new(Text, "a{x=\"1\",y=\"2\"} 1\na{y=\"2\",x=\"1\"} 2\n", 2, "duplicate series", Warning: true),
        ["unknown escape in a label value"] = new(Text, "a{l=\"\\q\"} 1\n", 1, "label l: unknown escape sequence '\\q' kept as written", Warning: true),
        ["unknown escape in HELP"] = new(Text, "# HELP a Has \\t a tab.\na 1\n", 1, "HELP for a: unknown escape sequence '\\t' kept as written", Warning: true),
        ["raw line feed in a label value"] = new(Text, "a{l=\"x\ny\"} 1\nb 2\n", 1, "value of label l runs over 2 lines (a raw line feed", Warning: true),
        ["TYPE after samples"] = new(Text, "a 1\n# TYPE a gauge\n", 2, "# TYPE for a after its samples (family began on line 1): a new family of that name begins here", Warning: true),
        ["second TYPE"] = new(Text, "# TYPE a gauge\n# TYPE a counter\na 1\n", 2, "second # TYPE for a", Warning: true),
        ["second HELP"] = new(Text, "# HELP a one\n# HELP a two\na 1\n", 2, "second # HELP for a", Warning: true),
        ["family split in two groups"] = new(Text, "a 1\nb 1\na{x=\"1\"} 2\n", 3, "metric family a appears again (first on line 1)", Warning: true),
        ["histogram without +Inf"] = new(Text, "# TYPE h histogram\nh_bucket{le=\"0.1\"} 1\nh_bucket{le=\"1\"} 3\nh_sum 1\nh_count 3\n", 3, "histogram h has no le=\"+Inf\" bucket", Warning: true),
        ["histogram with decreasing buckets"] = new(Text, "# TYPE h histogram\nh_bucket{le=\"0.1\"} 5\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 5\n", 3, "less than the previous bucket's 5", Warning: true),
        ["histogram buckets out of order"] = new(Text, "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 1\n", 3, "buckets out of order: le=\"0.5\" after le=\"1\"", Warning: true),
        ["histogram bucket without le"] = new(Text, "# TYPE h histogram\nh_bucket 1\n", 2, "h_bucket has no 'le' label", Warning: true),
        ["histogram le not a number"] = new(Text, "# TYPE h histogram\nh_bucket{le=\"big\"} 1\n", 2, "'le' label value \"big\" of h_bucket is not a number", Warning: true),
        ["summary without quantile"] = new(Text, "# TYPE s summary\ns 1\n", 2, "s has no 'quantile' label", Warning: true),
        ["missing final newline"] = new(Text, "a 1\nb 2", 2, "no final newline", Warning: true),
        ["carriage return on a comment line only"] = new(Text, "# HELP a Things.\r\na 1\n", 1, "carriage return at the end of a comment line", Warning: true),
        ["huge label value"] = new(Text, $"a{{x=\"{HugeLabel}\"}} 1\n", 1, "value of label x is 5000 bytes, longer than 4096", Warning: true),
        ["more labels than the warning threshold"] = new(Text, $"a{{{ManyLabels}}} 1\n", 1, "65 labels on a, more than 64", Warning: true),
        ["text: no comma between labels"] = new(Text, "a{x=\"1\" y=\"2\"} 1\n", 1, "no ',' between labels (before y)", Warning: true),
        ["timestamp beyond the year 9999"] = new(Text, "a 1 300000000000000\nb 2\n", 1, "timestamp 300000000000000 is outside the years 1 to 9999", Warning: true),
        ["openmetrics trailing comma"] = new(Om, "a{x=\"1\",} 1\n# EOF\n", 1, "trailing comma in the labels (OpenMetrics does not allow it", Warning: true),
        ["openmetrics counter without _total"] = new(Om, "# TYPE a counter\na 1\n# EOF\n", 2, "sample a does not fit the counter family a declared on line 1 (expected a_total or a_created); kept in it", Warning: true),
        ["openmetrics sample of another type's suffix"] = new(Om, "# TYPE a gauge\na_total 1\n# EOF\n", 2, "sample a_total does not fit the gauge family a declared on line 1 (expected a); read as a family of its own", Warning: true),
        ["openmetrics HELP after samples"] = new(Om, "# TYPE a gauge\na 1\n# HELP a late\n# EOF\n", 3, "# HELP for a after its samples", Warning: true),

        // ---- refused, as Prometheus refuses them ----
        ["truncated body"] = new(Text, "# TYPE a gauge\na{l=\"x", 2, "value of label l is not terminated"),
        ["openmetrics without # EOF"] = new(Om, "# TYPE a gauge\na 1\n", 2, "missing # EOF"),
        ["openmetrics empty body"] = new(Om, "", 1, "missing # EOF"),
        ["openmetrics content after # EOF"] = new(Om, "a 1\n# EOF\nb 2\n", 3, "content after # EOF"),
        ["escaped quote leaves the label value open"] = new(Text, "a{l=\"x\\\\\\\"} 1\n", 1, "not terminated"),
        ["openmetrics raw line feed in a label value"] = new(Om, "a{l=\"x\ny\"} 1\n# EOF\n", 1, "value of label l is not terminated"),
        ["duplicate label name"] = new(Text, "a{x=\"1\",x=\"2\"} 1\n", 1, "label x appears twice"),
        ["openmetrics duplicate label name"] = new(Om, "a{x=\"1\",x=\"2\"} 1\n# EOF\n", 1, "label x appears twice"),
        ["reserved label __name__"] = new(Text, "a{__name__=\"b\"} 1\n", 1, "__name__ is reserved"),
        ["unknown TYPE"] = new(Text, "# TYPE a meter\na 1\n", 1, "unknown metric type 'meter'"),
        ["TYPE with trailing words"] = new(Text, "# TYPE a gauge extra\na 1\n", 1, "unknown metric type 'gauge extra'"),
        ["untyped is not an OpenMetrics type"] = new(Om, "# TYPE a untyped\na 1\n# EOF\n", 1, "unknown metric type 'untyped'"),
        ["# HELP with a blank but no name"] = new(Text, "# HELP \na 1\n", 1, "# HELP needs a metric name"),
        ["CRLF line endings"] = new(Text, "a 1\r\nb 2\r\n", 1, "CRLF line endings are not allowed"),
        ["carriage return on a TYPE line"] = new(Text, "# TYPE a gauge\r\na 1\n", 1, "CRLF line endings are not allowed"),
        ["byte order mark"] = new(Text, "\uFEFFa 1\n", 1, "byte order mark (BOM)"),
        ["NaN with a sign"] = new(Text, "a +NaN\n", 1, "invalid value '+NaN'"),
        ["NaN with a suffix"] = new(Text, "a nan1\n", 1, "invalid value 'nan1'"),
        ["Inf misspelt"] = new(Text, "a Infinit\n", 1, "invalid value 'Infinit'"),
        ["infinity sign"] = new(Text, "a \u221e\n", 1, "invalid value"),
        ["hex float"] = new(Text, "a 0x1p3\n", 1, "invalid value '0x1p3'"),
        ["exponent without digits"] = new(Text, "a 1e\n", 1, "invalid value '1e'"),
        ["value beyond a 64-bit float"] = new(Text, "a 1e400\n", 1, "invalid value '1e400' (out of the range of a 64-bit float)"),
        ["decimal comma"] = new(Text, "a 1,5\n", 1, "invalid value '1,5'"),
        ["missing value"] = new(Text, "a\n", 1, "sample has no value"),
        ["fractional timestamp in the text format"] = new(Text, "a 1 1700000000.5\n", 1, "integer milliseconds"),
        ["NaN timestamp in OpenMetrics"] = new(Om, "a 1 NaN\n# EOF\n", 1, "invalid timestamp 'NaN'"),
        ["infinite timestamp in OpenMetrics"] = new(Om, "a 1 +Inf\n# EOF\n", 1, "invalid timestamp '+Inf'"),
        ["text after the timestamp"] = new(Text, "a 1 2 3\n", 1, "unexpected '3' after the timestamp"),
        ["exemplar in the text format"] = new(Text, "a 1 # {t=\"x\"} 1\n", 1, "invalid timestamp '#'"),
        ["invalid metric name"] = new(Text, "1abc 1\n", 1, "expected a metric name, found '1abc 1'"),
        ["quoted metric name"] = new(Text, "{\"a.b\"} 1\n", 1, "quoted (UTF-8) metric and label names are not supported"),
        ["label name starting with a digit"] = new(Text, "a{1x=\"y\"} 1\n", 1, "expected a label name"),
        ["unquoted label value"] = new(Text, "a{x=y} 1\n", 1, "expected '\"' to open the value of label x"),
        ["body over the limit"] = new(Text, "a 1\nb 2\nc 3\n", 0, "body is 12 bytes, over the limit of 10", new ExpositionLimits { MaxBodyBytes = 10 }),
        ["more samples than the limit"] = new(Text, "a 1\nb 2\nc 3\n", 3, "more than 2 samples, over the limit", new ExpositionLimits { MaxSamples = 2 }),
        ["HTML body (a login page)"] = new(Text, "<!DOCTYPE html>\n<html><body><form>Sign in</form></body></html>\n", 1, "body is HTML, not a metrics exposition (a login page?)"),
        ["openmetrics blank line"] = new(Om, "a 1\n\nb 1\n# EOF\n", 2, "empty line (not allowed in OpenMetrics)"),
        ["openmetrics arbitrary comment"] = new(Om, "# hello\na 1\n# EOF\n", 1, "OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF"),
        ["openmetrics double space"] = new(Om, "a  1\n# EOF\n", 1, "invalid value ''"),
        ["openmetrics trailing space"] = new(Om, "a 1 \n# EOF\n", 1, "trailing space after the value"),
        ["openmetrics no comma between labels"] = new(Om, "a{x=\"1\"y=\"2\"} 1\n# EOF\n", 1, "expected ',' or '}' after the value of label x"),
        ["openmetrics UNIT not a suffix"] = new(Om, "# TYPE a gauge\n# UNIT a seconds\na 1\n# EOF\n", 2, "unit 'seconds' is not a suffix of the metric name a"),
        ["openmetrics malformed exemplar"] = new(Om, "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1 # trace\nh_count 1\n# EOF\n", 2, "malformed exemplar"),
        ["openmetrics exemplar without a value"] = new(Om, "# TYPE c counter\nc_total 1 # {trace_id=\"a\"}\n# EOF\n", 2, "malformed exemplar"),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Fact]
    public void Corpus_Size_AtLeastFortyRefused()
    {
        Assert.True(Cases.Count(c => c.Value.Refused) >= 40, $"only {Cases.Count(c => c.Value.Refused)} refused cases");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Corpus_Case_VerdictLineAndMessage(string name)
    {
        var c = Cases[name];
        var body = Encoding.UTF8.GetBytes(c.Body);

        var result = new ExpositionParser(c.Limits).Check(body, c.Format);

        if (!c.Refused)
        {
            Assert.True(result.IsValid, $"{name}: expected valid, got {string.Join("; ", result.Problems)}");
            if (c.Warning)
            {
                Assert.NotEmpty(result.Warnings);
                Assert.Contains(c.Message!, result.Warnings[0].Message, StringComparison.Ordinal);
                Assert.Equal(c.Line, result.Warnings[0].Line);
            }
            else
            {
                Assert.True(result.Warnings.Count == 0, $"{name}: expected no warning, got {string.Join("; ", result.Warnings)}");
            }
            return;
        }
        Assert.False(result.IsValid, $"{name}: expected a refusal");
        var first = result.Problems[0];
        Assert.Contains(c.Message!, first.Message, StringComparison.Ordinal);
        Assert.Equal(c.Line, first.Line);
        var thrown = Assert.Throws<ExpositionException>(() => new ExpositionParser(c.Limits).Parse(body, c.Format));
        Assert.Equal(c.Line, thrown.Line);
        Assert.Contains(c.Message!, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8_LabelValue_Rejected()
    {
        byte[] body = [.. "a{x=\""u8, 0xC3, 0x28, .. "\"} 1\n"u8];

        var result = new ExpositionParser().Check(body, Text);

        Assert.Equal(new ExpositionProblem(1, "value of label x is not valid UTF-8"), Assert.Single(result.Problems));
    }

    [Theory]
    [InlineData("text/html; charset=utf-8", "not a metrics endpoint (got text/html; a login page?)")]
    [InlineData("TEXT/HTML", "not a metrics endpoint (got text/html; a login page?)")]
    [InlineData("application/json", "not a metrics endpoint (unsupported content type application/json)")]
    [InlineData("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited", "protobuf exposition is not supported (the endpoint ignored the Accept header)")]
    public void ContentType_NotAnExposition_Refused(string contentType, string message)
    {
        Assert.False(ExpositionContentType.TryResolve(contentType, out _, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("text/plain; version=0.0.4; charset=utf-8", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain", ExpositionFormat.PrometheusText)]
    [InlineData(null, ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OpenMetrics)]
    [InlineData("application/openmetrics-text;version=0.0.1", ExpositionFormat.OpenMetrics)]
    [InlineData("text/plain; version=1.0.0; charset=utf-8; escaping=underscores", ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text; version=1.1.0", ExpositionFormat.OpenMetrics)]
    public void ContentType_Exposition_ChoosesFormat(string? contentType, ExpositionFormat expected)
    {
        Assert.True(ExpositionContentType.TryResolve(contentType, out var format, out var error), error);
        Assert.Equal(expected, format);
    }
}
