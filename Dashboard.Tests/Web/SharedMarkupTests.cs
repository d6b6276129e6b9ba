using Dashboard.Components.Forecasts;
using Dashboard.Components.Shared;
using Dashboard.Domain.Values;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Web;

/// <summary>SharedMarkup draws a slot once per version, and pages that opened between versions that read the same hold one string.</summary>
public sealed class SharedMarkupTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();

    private SharedMarkup Markup() => new(services, services.GetRequiredService<ILoggerFactory>());

    private static Dictionary<string, object?> Dot(ThresholdBreach breach) => new() { [nameof(StatusDot.Breach)] = breach };

    [Fact]
    public async Task SameVersion_DrawnOnce()
    {
        var markup = Markup();

        var first = markup.RenderAsync<StatusDot>("slot", "v1", Dot(ThresholdBreach.Warning));
        var second = markup.RenderAsync<StatusDot>("slot", "v1", Dot(ThresholdBreach.Critical));

        Assert.Same(first, second);
        Assert.Contains("status-dot-warning", (await second).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewVersionSameText_KeepsTheStringPagesAlreadyHold()
    {
        var markup = Markup();

        var first = await markup.RenderAsync<StatusDot>("slot", "v1", Dot(ThresholdBreach.Warning));
        var second = await markup.RenderAsync<StatusDot>("slot", "v2", Dot(ThresholdBreach.Warning));

        Assert.Same(first.Value, second.Value);
    }

    [Fact]
    public async Task NewVersionNewText_DrawnAgain()
    {
        var markup = Markup();

        var first = await markup.RenderAsync<StatusDot>("slot", "v1", Dot(ThresholdBreach.Warning));
        var second = await markup.RenderAsync<StatusDot>("slot", "v2", Dot(ThresholdBreach.Critical));

        Assert.Contains("status-dot-warning", first.Value, StringComparison.Ordinal);
        Assert.Contains("status-dot-critical", second.Value, StringComparison.Ordinal);
        Assert.Equal(1, markup.Count);
    }

    public void Dispose() => services.Dispose();
}
