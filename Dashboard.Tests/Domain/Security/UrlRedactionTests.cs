using Dashboard.Domain.Security;

namespace Dashboard.Tests.Domain.Security;

public class UrlRedactionTests
{
    [Theory]
    [InlineData("http://user:pass@prom:9090", "http://prom:9090")]
    [InlineData("https://ops:s3cret@prom.example.com/prometheus/", "https://prom.example.com/prometheus/")]
    [InlineData("http://prom:9090/api?access_token=abc&x=1", "http://prom:9090/api?access_token=redacted&x=1")]
    [InlineData("http://h/metrics?apiKey=k1&PASSWORD=p", "http://h/metrics?apiKey=redacted&PASSWORD=redacted")]
    [InlineData("http://127.0.0.1:9090", "http://127.0.0.1:9090")]
    [InlineData("ftp://u:p@host/x", "ftp://host/x")]
    [InlineData("u:p@host:9090", "host:9090")]
    public void Redact_CredentialsAndSecretQueryValues_Removed(string url, string shown)
    {
        var redacted = UrlRedaction.Redact(url);

        Assert.Equal(shown, redacted);
        Assert.DoesNotContain("pass", redacted.Replace("PASSWORD=", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("http://user:pass@prom:9090", true)]
    [InlineData("http://user@prom:9090", true)]
    [InlineData("http://prom:9090", false)]
    [InlineData("not a url", false)]
    public void HasUserInfo_SaysWhetherTheUrlCarriesCredentials(string url, bool expected) =>
        Assert.Equal(expected, UrlRedaction.HasUserInfo(url));
}

public class SecretOriginTests
{
    [Theory]
    [InlineData("http://prom:9090", "http://PROM:9090/prefix/", true)]
    [InlineData("http://prom", "http://prom:80", true)]
    [InlineData("http://prom:9090", "https://prom:9090", false)]
    [InlineData("http://prom:9090", "http://evil:9090", false)]
    [InlineData("http://prom:9090", "http://prom:9091", false)]
    [InlineData("", "http://prom:9090", false)]
    [InlineData("http://prom:9090", "not a url", false)]
    public void MayReuse_OnlyTheSameSchemeHostAndPort(string savedFor, string sendTo, bool expected) =>
        Assert.Equal(expected, SecretOrigin.MayReuse(SecretOrigin.OfUrl(savedFor), SecretOrigin.OfUrl(sendTo)));

    [Fact]
    public void MayReuse_Database_HostPortAndDatabaseMustMatch()
    {
        var saved = SecretOrigin.OfDatabase("db1", null, "orders");

        Assert.True(SecretOrigin.MayReuse(saved, SecretOrigin.OfDatabase("DB1", 5432, "orders")));
        Assert.False(SecretOrigin.MayReuse(saved, SecretOrigin.OfDatabase("db2", 5432, "orders")));
        Assert.False(SecretOrigin.MayReuse(saved, SecretOrigin.OfDatabase("db1", 6432, "orders")));
        Assert.False(SecretOrigin.MayReuse(saved, SecretOrigin.OfDatabase("db1", 5432, "postgres")));
    }
}

public class InputLimitsTests
{
    [Theory]
    [InlineData("abc", false, null)]
    [InlineData("a\r\nb", false, "must not contain control characters")]
    [InlineData("a\r\nb", true, null)]
    [InlineData("a\0b", true, "must not contain control characters")]
    public void CheckText_ControlCharacters_NamedWithTheField(string value, bool multiLine, string? problem)
    {
        var message = InputLimits.CheckText("token", value, 100, multiLine);

        if (problem is null)
        {
            Assert.Null(message);
        }
        else
        {
            Assert.StartsWith("token ", message, StringComparison.Ordinal);
            Assert.Contains(problem, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckText_TooLong_SaysTheLimit() =>
        Assert.Equal("url is 2,049 characters long; the limit is 2,048.", InputLimits.CheckText("url", new string('a', 2049), InputLimits.UrlLength));

    [Theory]
    [InlineData(1e11, 1e11, "must be less than 100000000000 in size")]
    [InlineData(double.NaN, 1e11, "must be a finite number")]
    [InlineData(99_999_999_999.0, 1e11, null)]
    public void CheckNumber_RangeAndFiniteness(double value, double magnitude, string? problem)
    {
        var message = InputLimits.CheckNumber("mrr", value, magnitude);

        if (problem is null)
        {
            Assert.Null(message);
        }
        else
        {
            Assert.Contains(problem, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Clip_FitsTheColumn()
    {
        Assert.Equal(1000, InputLimits.Clip(new string('x', 1_000_000), 1000).Length);
        Assert.Equal("short", InputLimits.Clip("short", 1000));
    }
}
