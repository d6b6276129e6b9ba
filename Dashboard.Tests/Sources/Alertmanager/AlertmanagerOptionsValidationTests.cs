using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Sources.Alertmanager;

public sealed class AlertmanagerOptionsValidationTests
{
    private static ValidateOptionsResult Validate(AlertmanagerOptions options) => SourceOptionsValidation.Validate(options);

    [Fact]
    public void Validate_DefaultsWithoutUrl_SucceedAsOff()
    {
        Assert.True(Validate(new AlertmanagerOptions()).Succeeded);
    }

    [Fact]
    public void Validate_StackLikeSettings_Succeed()
    {
        Assert.True(Validate(new AlertmanagerOptions { Url = "http://127.0.0.1:9093", Timeout = TimeSpan.FromSeconds(3), BearerToken = "tok" }).Succeeded);
    }

    [Fact]
    public void Validate_BadUrlTimeoutAndToken_ListsEveryProblemWithoutTheSecret()
    {
        var options = new AlertmanagerOptions { Url = "ftp://alerts", Timeout = TimeSpan.Zero, BearerToken = "tok en-secret" };

        var result = Validate(options);

        Assert.False(result.Succeeded);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Alertmanager:Url must be an absolute http(s) URL (got 'ftp://alerts')"));
        Assert.Contains(failures, f => f.Contains("Alertmanager:Timeout must be between 0 and 5 minutes"));
        Assert.Contains(failures, f => f.Contains("Alertmanager:BearerToken must not contain whitespace"));
        Assert.DoesNotContain(failures, f => f.Contains("secret"));
    }
}
