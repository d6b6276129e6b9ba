using Dashboard.Hosting;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Web;

/// <summary>Circuits:*: retention, in-flight updates and WebSocket compression reach Blazor, and a bad value is named at start.</summary>
public sealed class CircuitSettingsTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());
        CircuitSettings.Register(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Defaults_KeepADroppedPageOneMinuteAndAtMost100()
    {
        using var provider = Build();

        var circuits = provider.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(1), circuits.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(100, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(2, circuits.MaxBufferedUnacknowledgedRenderBatches);
        Assert.Equal(WebSocketCompression.PerMessage, provider.GetRequiredService<IOptions<CircuitSettings>>().Value.WebSocketCompression);
    }

    [Fact]
    public void Configured_ReachesBlazorsCircuitOptions()
    {
        using var provider = Build(("Circuits:DisconnectedRetention", "00:00:20"), ("Circuits:MaxDisconnected", "7"), ("Circuits:MaxUnacknowledgedBatches", "5"));

        var circuits = provider.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(20), circuits.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(7, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(5, circuits.MaxBufferedUnacknowledgedRenderBatches);
    }

    [Theory]
    [InlineData(WebSocketCompression.Off, false, false)]
    [InlineData(WebSocketCompression.PerMessage, true, true)]
    [InlineData(WebSocketCompression.Context, true, false)]
    public async Task Compression_ConfiguresThePagesWebSocket(WebSocketCompression mode, bool compressed, bool contextDropped)
    {
        var endpoint = new ServerComponentsEndpointOptions();
        CircuitSettings.ConfigureEndpoint(endpoint, new CircuitSettings { WebSocketCompression = mode });
        var accept = new Microsoft.AspNetCore.Http.WebSocketAcceptContext();

        await endpoint.ConfigureWebSocketAcceptContext!(new Microsoft.AspNetCore.Http.DefaultHttpContext(), accept);

        Assert.Equal(compressed, accept.DangerousEnableCompression);
        Assert.Equal(contextDropped, accept.DisableServerContextTakeover);
        // The app's own Content-Security-Policy (frame-ancestors 'none') is the one sent, not Blazor's.
        Assert.Null(endpoint.ContentSecurityFrameAncestorsPolicy);
    }

    [Theory]
    [InlineData("Circuits:DisconnectedRetention", "02:00:00", "Circuits:DisconnectedRetention must be between")]
    [InlineData("Circuits:DisconnectedRetention", "-00:00:01", "Circuits:DisconnectedRetention must be between")]
    [InlineData("Circuits:MaxDisconnected", "-1", "Circuits:MaxDisconnected must be between 0 and 10000")]
    [InlineData("Circuits:MaxUnacknowledgedBatches", "0", "Circuits:MaxUnacknowledgedBatches must be between 1 and 100")]
    public void OutOfRange_NamedInTheError(string key, string value, string expected)
    {
        using var provider = Build((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CircuitSettings>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
