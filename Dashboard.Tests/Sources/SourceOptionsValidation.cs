using Dashboard.Hosting;
using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Sources;

/// <summary>Runs the host's start-up validation of one source's options, as in production.</summary>
internal static class SourceOptionsValidation
{
    public static ValidateOptionsResult Validate<TOptions>(TOptions options)
        where TOptions : class =>
        ((IValidateOptions<TOptions>)(object)new ConfigurationValidator(Options.Create(new DashboardOptions()), new HostingEnvironment { EnvironmentName = "Production" }))
            .Validate(null, options);
}
