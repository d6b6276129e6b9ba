using Microsoft.Extensions.Configuration.Json;

namespace Dashboard.Hosting;

/// <summary>
/// The local stack script writes its ports and generated secrets to a JSON file and exports
/// its path as DASHBOARD_STACK_SETTINGS. It sits above appsettings*.json and below
/// environment variables and the command line, so operators can still override any value.
/// </summary>
internal static class StackSettingsFile
{
    public const string EnvironmentVariable = "DASHBOARD_STACK_SETTINGS";

    public static void AddStackSettingsFile(this IConfigurationManager configuration)
    {
        var path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} points at '{path}', which does not exist. Run scripts/stack.sh up first.");
        }

        var builder = (IConfigurationBuilder)configuration;
        var lastJson = -1;
        for (var i = 0; i < builder.Sources.Count; i++)
        {
            if (builder.Sources[i] is JsonConfigurationSource)
            {
                lastJson = i;
            }
        }
        var source = new JsonConfigurationSource { Path = Path.GetFullPath(path), Optional = false, ReloadOnChange = false };
        source.ResolveFileProvider();
        builder.Sources.Insert(lastJson + 1, source);
    }
}
