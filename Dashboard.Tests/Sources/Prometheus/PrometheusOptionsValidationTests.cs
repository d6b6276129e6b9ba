using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Sources.Prometheus;

public sealed class PrometheusOptionsValidationTests
{
    private static ValidateOptionsResult Validate(PrometheusOptions options) => SourceOptionsValidation.Validate(options);

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(Validate(new PrometheusOptions()).Succeeded);
    }

    [Fact]
    public void Validate_BadAuthRetriesAndQueries_ListsEveryProblemWithoutSecrets()
    {
        var options = new PrometheusOptions
        {
            MaxRetries = -1,
            BearerToken = "tok en-secret",
            BasicAuthUser = "a:b",
            BasicAuthPassword = "pw-secret",
            Queries = new() { ["cpu"] = " ", ["nope"] = "up" },
        };

        var result = Validate(options);

        Assert.False(result.Succeeded);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Prometheus:MaxRetries"));
        Assert.Contains(failures, f => f.Contains("both set"));
        Assert.Contains(failures, f => f.Contains("must not contain ':'"));
        Assert.Contains(failures, f => f.Contains("must not contain whitespace"));
        Assert.Contains(failures, f => f.Contains("Prometheus:Queries:cpu is empty"));
        Assert.Contains(failures, f => f.Contains("Prometheus:Queries:nope names no catalog metric"));
        Assert.DoesNotContain(failures, f => f.Contains("secret"));
    }

    [Fact]
    public void Validate_PasswordWithoutUser_Fails()
    {
        var result = Validate(new PrometheusOptions { BasicAuthPassword = "x" });

        Assert.Contains(result.Failures!, f => f.Contains("Prometheus:BasicAuthUser is required"));
    }
}
