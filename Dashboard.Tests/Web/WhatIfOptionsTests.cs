using Dashboard.Hosting;
using Dashboard.Jobs.Demo;
using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Web;

/// <summary>WhatIf:BottleneckSeries: each entry a CPU or connections series, named in the error when it is not.</summary>
public sealed class WhatIfOptionsTests
{
    private static ValidateOptionsResult Validate(params string[] series) =>
        new ConfigurationValidator(Options.Create(new DashboardOptions()), new HostingEnvironment { EnvironmentName = "Production" })
            .Validate(null, new WhatIfOptions { BottleneckSeries = [.. series] });

    [Fact]
    public void Validate_DemoFleetsSeries_Pass()
    {
        Assert.True(Validate([.. DemoFleet.BottleneckSeries.Select(s => s.ToString())]).Succeeded);
    }

    [Fact]
    public void Validate_NotASeries_AndNotABottleneckMetric_NamedByIndex()
    {
        var result = Validate("cpu{instance=\"a\"}", "cpu{instance=", "disk{instance=\"a\"}");

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(2, failures.Count);
        Assert.StartsWith("WhatIf:BottleneckSeries:1 'cpu{instance=' is not a series", failures[0]);
        Assert.StartsWith("WhatIf:BottleneckSeries:2 'disk{instance=\"a\"}' is a disk series", failures[1]);
    }
}
