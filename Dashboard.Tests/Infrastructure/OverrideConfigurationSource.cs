using Microsoft.Extensions.Configuration;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// The last configuration source of the test app: tests set and remove keys in it while the
/// app runs, and it signals a reload, as an operator's configuration edit would.
/// </summary>
public sealed class OverrideConfigurationSource : IConfigurationSource
{
    public OverrideConfigurationProvider Provider { get; } = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
}

public sealed class OverrideConfigurationProvider : ConfigurationProvider
{
    public void Apply(string key, string? value)
    {
        if (value is null)
        {
            Data.Remove(key);
        }
        else
        {
            Data[key] = value;
        }
        OnReload();
    }
}
