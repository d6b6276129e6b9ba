namespace Dashboard.Jobs.Resources.Presets;

/// <summary>
/// Every preset the product ships, in the order they are offered: the pack files (Packs/&lt;id&gt;.json, read by
/// <see cref="PresetLoader"/>), and the demo, which is the default queries themselves (<see cref="DemoPreset"/>).
/// </summary>
public static class PresetCatalog
{
    /// <summary>The pack files, hosts and databases first, then platforms, queues, HTTP sources and probes.</summary>
    public static IReadOnlyList<string> PackFiles { get; } =
        ["node", "postgres", "redis", "kubernetes", "rabbitmq", "kafka", "otel-http", "prometheus-net-http", "ingress-nginx", "blackbox"];

    /// <summary>The packs, then the demo.</summary>
    public static IReadOnlyList<Preset> All { get; } = [.. PackFiles.Select(PresetLoader.LoadShipped), DemoPreset.Pack];

    /// <summary>The preset with <paramref name="id"/>, or null.</summary>
    public static Preset? Find(string id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
