using System.Runtime.CompilerServices;
using Dashboard.Hosting;

namespace Dashboard.Tests.Infrastructure;

/// <summary>The test process hosts the app, so it applies what the app's Program does first.</summary>
internal static class ProcessStart
{
    [ModuleInitializer]
    internal static void Initialize() => MetricsDefaults.Apply();
}
