namespace Dashboard.Hosting;

/// <summary>
/// The few settings that shape the service graph itself (role, whether Redis exists), read
/// once while the host is built; everything else is read through IOptions when used.
/// </summary>
internal static class StartupConfiguration
{
    public static T Read<T>(this IConfiguration configuration, string section) where T : new() =>
        configuration.GetSection(section).Get<T>() ?? new T();
}
