using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Options;

namespace Dashboard.Hosting;

/// <summary>
/// Checks what the configuration would be with other stored source settings, with the same
/// validators start-up uses (<see cref="ConfigurationValidator"/>), and files each message under
/// the key it names ("Prometheus:Url must be ..." under Prometheus:Url).
/// </summary>
internal sealed class SourceSettingsValidator(
    SourceSettingsLayers layers,
    IEnumerable<IValidateOptions<PrometheusOptions>> prometheus,
    IEnumerable<IValidateOptions<AlertmanagerOptions>> alertmanager,
    IEnumerable<IValidateOptions<IngestOptions>> ingest)
{
    /// <summary>Errors by configuration key; empty when the candidate is valid.</summary>
    public Dictionary<string, string[]> Validate(IReadOnlyDictionary<string, string> stored)
    {
        using var candidate = layers.WithStored(stored);
        var messages = new List<string>();
        Check(candidate, PrometheusOptions.Section, new PrometheusOptions(), prometheus, messages);
        Check(candidate, AlertmanagerOptions.Section, new AlertmanagerOptions(), alertmanager, messages);
        Check(candidate, IngestOptions.Section, new IngestOptions(), ingest, messages);
        return messages
            .GroupBy(KeyOf, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The key a validator message starts with ("Prometheus:BearerToken and ..." -> Prometheus:BearerToken).</summary>
    public static string KeyOf(string message)
    {
        var first = message.Split(' ', 2)[0].TrimEnd(',', '.', ';');
        return first.Contains(':', StringComparison.Ordinal) ? first : "Sources";
    }

    private static void Check<T>(IConfiguration candidate, string section, T options, IEnumerable<IValidateOptions<T>> validators, List<string> messages)
        where T : class
    {
        try
        {
            // What BindConfiguration does for IOptionsMonitor: defaults, then the section over them.
            candidate.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            messages.Add(ex.Message);
            return;
        }
        foreach (var validator in validators)
        {
            if (validator.Validate(Options.DefaultName, options) is { Failed: true } result)
            {
                messages.AddRange(result.Failures);
            }
        }
    }
}
