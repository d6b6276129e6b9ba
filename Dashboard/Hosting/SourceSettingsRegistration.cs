using Dashboard.Jobs.Storage;
using Dashboard.Services.Sources;
using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Hosting;

internal static class SourceSettingsRegistration
{
    /// <summary>The Data Protection application name: web and worker processes share one key ring under it.</summary>
    public const string ApplicationName = "Dashboard";

    /// <summary>
    /// Sources editable on the Settings page: the configuration layer (above the settings files,
    /// below environment variables), its loader, the service and "test connection". The Data
    /// Protection key ring is kept on the primary, so every process (web, worker) decrypts what
    /// another one stored, and a restart loses nothing.
    /// </summary>
    public static WebApplicationBuilder AddSourceSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(SourceSettingsConfigurationSource.AddTo(builder.Configuration));
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<DashboardDbContext>();
        builder.Services.AddSingleton<SourceSettingsLayers>();
        builder.Services.AddSingleton<SourceSettingsValidator>();
        builder.Services.AddSingleton<SourceSettingsLoader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SourceSettingsLoader>());
        builder.Services.AddScoped<SourceSettingsService>();
        builder.Services.AddScoped<SourceConnectionTester>();
        builder.Services.AddScoped<SourceTestTargets>();
        builder.Services.AddScoped<ISourceSettingsEditing, SourceSettingsEditing>();
        // One attempt, no redirects followed (a redirect is reported, and a token never follows it).
        builder.Services.AddHttpClient(SourceConnectionTester.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = SourceConnectionTester.MaxWait });
        return builder;
    }
}
