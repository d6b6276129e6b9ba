using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Options;

namespace Dashboard.Hosting;

internal static class OptionsRegistration
{
    /// <summary>Binds every options section and fails start-up listing all configuration problems at once.</summary>
    public static IHostApplicationBuilder AddDashboardOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .Validate(o => o.JobInvisibilityTimeout >= TimeSpan.FromSeconds(10),
                "Dashboard:JobInvisibilityTimeout must be at least 00:00:10 (workers renew it every few seconds).")
            .ValidateOnStart();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration("ConnectionStrings").ValidateOnStart();
        builder.Services.AddOptions<PrometheusOptions>().BindConfiguration(PrometheusOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<AlertmanagerOptions>().BindConfiguration(AlertmanagerOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<StorageRetentionOptions>().BindConfiguration(StorageRetentionOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, ConfigurationValidator>();
        builder.Services.AddSingleton<IValidateOptions<PrometheusOptions>, ConfigurationValidator>();
        builder.Services.AddSingleton<IValidateOptions<AlertmanagerOptions>, ConfigurationValidator>();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, ConfigurationValidator>();
        builder.Services.AddSingleton<IValidateOptions<StorageRetentionOptions>, ConfigurationValidator>();
        builder.Services.AddOptions<ForecastingOptions>().BindConfiguration(ForecastingOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ForecastingOptions>, ConfigurationValidator>();
        builder.Services.AddOptions<WhatIfOptions>().BindConfiguration(WhatIfOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WhatIfOptions>, ConfigurationValidator>();
        // Demo mode: the demo application runs on the demo host and its database, not on this machine.
        builder.Services.PostConfigure<WhatIfOptions>(o =>
        {
            if (o.BottleneckSeries.Count == 0 && builder.Configuration.GetValue<bool>($"{DashboardOptions.Section}:DemoMode"))
            {
                o.BottleneckSeries.AddRange(Dashboard.Jobs.Demo.DemoFleet.BottleneckSeries.Select(s => s.ToString()));
            }
        });
        return builder;
    }
}
