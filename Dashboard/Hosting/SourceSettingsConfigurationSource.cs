using Microsoft.Extensions.Configuration.Json;

namespace Dashboard.Hosting;

/// <summary>
/// Source settings saved on the Settings page, as a configuration layer. It sits above
/// appsettings*.json and the stack file and below environment variables and the command line
/// (and anything a host adds after it), so an operator's pinned value always wins and the page
/// shows it as locked. The layer starts empty: <see cref="SourceSettingsLoader"/> fills it from the
/// primary once the host runs (Data Protection and the database are services, not available
/// while configuration is built) and after every save.
/// </summary>
internal sealed class SourceSettingsConfigurationSource : IConfigurationSource
{
    public SourceSettingsConfigurationProvider Provider { get; } = new();

    // The same provider every time: ConfigurationManager rebuilds its providers whenever a source is added.
    public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;

    /// <summary>Inserts the layer right above the last JSON file (appsettings, user secrets, stack file).</summary>
    public static SourceSettingsConfigurationSource AddTo(IConfigurationManager configuration)
    {
        var builder = (IConfigurationBuilder)configuration;
        var existing = builder.Sources.OfType<SourceSettingsConfigurationSource>().FirstOrDefault();
        if (existing is not null)
        {
            return existing;
        }
        var lastJson = -1;
        for (var i = 0; i < builder.Sources.Count; i++)
        {
            if (builder.Sources[i] is JsonConfigurationSource)
            {
                lastJson = i;
            }
        }
        var source = new SourceSettingsConfigurationSource();
        builder.Sources.Insert(lastJson + 1, source);
        return source;
    }
}

/// <summary>The stored values, by configuration key; replaced as a whole, then a reload is signalled.</summary>
internal sealed class SourceSettingsConfigurationProvider : ConfigurationProvider
{
    private readonly Lock gate = new();

    /// <summary>What the layer holds now (a copy).</summary>
    public IReadOnlyDictionary<string, string?> Current
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, string?>(Data, StringComparer.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>Replaces the layer; returns false (and signals nothing) when nothing changed.</summary>
    public bool Replace(IReadOnlyDictionary<string, string> values)
    {
        lock (gate)
        {
            if (Data.Count == values.Count && values.All(v => Data.TryGetValue(v.Key, out var old) && old == v.Value))
            {
                return false;
            }
            Data = new Dictionary<string, string?>(values.ToDictionary(v => v.Key, v => (string?)v.Value), StringComparer.OrdinalIgnoreCase);
        }
        // IOptionsMonitor consumers recompute on this, synchronously: CurrentValue is new when it returns.
        OnReload();
        return true;
    }
}
