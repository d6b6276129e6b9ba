using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Hosting;

/// <summary>
/// The configuration seen around the Settings layer: what the files below it say, what the
/// environment above it pins, and what the whole configuration would be with other stored
/// values (to validate a change before it is saved).
/// </summary>
internal sealed class SourceSettingsLayers(IConfiguration configuration, SourceSettingsConfigurationSource source)
{
    private IConfigurationRoot Root => configuration as IConfigurationRoot
        ?? throw new InvalidOperationException("The host's configuration is not a configuration root.");

    private (List<IConfigurationProvider> Below, List<IConfigurationProvider> Above) Split()
    {
        var providers = Root.Providers.ToList();
        var index = providers.IndexOf(source.Provider);
        if (index < 0)
        {
            throw new InvalidOperationException("The source settings layer is not part of the host's configuration.");
        }
        return (providers[..index], providers[(index + 1)..]);
    }

    /// <summary>The value the layers below Settings give <paramref name="key"/> (null: none).</summary>
    public string? Below(string key) => Find(Split().Below, key);

    /// <summary>The value a layer above Settings pins for <paramref name="key"/> (null: not pinned).</summary>
    public string? Above(string key) => Find(Split().Above, key);

    /// <summary>Where a pinned key comes from, in words, naming the variable to change.</summary>
    public string? PinnedBy(string key)
    {
        foreach (var provider in Enumerable.Reverse(Split().Above))
        {
            if (provider.TryGet(key, out _))
            {
                return provider switch
                {
                    EnvironmentVariablesConfigurationProvider => $"the environment variable {key.Replace(":", "__", StringComparison.Ordinal)}",
                    CommandLineConfigurationProvider => $"the command-line argument --{key}",
                    _ => "a configuration source above Settings",
                };
            }
        }
        return null;
    }

    /// <summary>Names defined under <paramref name="section"/> below Settings (e.g. the Postgres targets of the files).</summary>
    public IReadOnlySet<string> NamesBelow(string section) => Names(Split().Below, section);

    /// <summary>Names defined under <paramref name="section"/> above Settings (pinned by the environment).</summary>
    public IReadOnlySet<string> NamesAbove(string section) => Names(Split().Above, section);

    /// <summary>
    /// The whole configuration as it would be with <paramref name="stored"/> in the Settings layer,
    /// for validation; the live providers are read, never reloaded. Dispose it after use.
    /// </summary>
    public ConfigurationRoot WithStored(IReadOnlyDictionary<string, string> stored)
    {
        var (below, above) = Split();
        var candidate = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationProvider(
            new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = stored.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)) });
        var providers = below.Select(p => (IConfigurationProvider)new ReadOnlyView(p))
            .Append(candidate)
            .Concat(above.Select(p => new ReadOnlyView(p)))
            .ToList();
        return new ConfigurationRoot(providers);
    }

    private static string? Find(List<IConfigurationProvider> providers, string key)
    {
        for (var i = providers.Count - 1; i >= 0; i--)
        {
            if (providers[i].TryGet(key, out var value))
            {
                return value;
            }
        }
        return null;
    }

    private static HashSet<string> Names(List<IConfigurationProvider> providers, string section) =>
        providers.SelectMany(p => p.GetChildKeys([], section)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>A live provider seen but not touched: building a root calls Load(), which must not re-read it.</summary>
    private sealed class ReadOnlyView(IConfigurationProvider inner) : IConfigurationProvider
    {
        public bool TryGet(string key, out string? value) => inner.TryGet(key, out value);

        public void Set(string key, string? value) => throw new NotSupportedException("A candidate configuration is read-only.");

        public IChangeToken GetReloadToken() => NeverChanges.Instance;

        public void Load()
        {
        }

        public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) => inner.GetChildKeys(earlierKeys, parentPath);
    }

    private sealed class NeverChanges : IChangeToken
    {
        public static readonly NeverChanges Instance = new();

        public bool HasChanged => false;

        public bool ActiveChangeCallbacks => false;

        public IDisposable RegisterChangeCallback(Action<object?> callback, object? state) => EmptyDisposable.Instance;
    }

    private sealed class EmptyDisposable : IDisposable
    {
        public static readonly EmptyDisposable Instance = new();

        public void Dispose()
        {
        }
    }
}
