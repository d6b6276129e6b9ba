using System.Diagnostics;

namespace Dashboard.Tests.Infrastructure;

/// <summary>Stops and starts one real service of the test stack, for fault-injection tests.</summary>
public static class StackControl
{
    public static Task StopAsync(string service) => RunAsync("stop", service);

    public static Task StartAsync(string service) => RunAsync("start", service);

    private static async Task RunAsync(string verb, string service)
    {
        var stack = TestStack.Current;
        var info = new ProcessStartInfo(stack.StackScript, [verb, service, "--profile", "test"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"stack.sh {verb} {service} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }
}
