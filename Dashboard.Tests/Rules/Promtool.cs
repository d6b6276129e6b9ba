using System.Diagnostics;

namespace Dashboard.Tests.Rules;

/// <summary>
/// Debian's promtool (package prometheus, which scripts/stack.sh installs), run on files in a fresh folder.
/// Missing, it fails the test: the rules are checked by Prometheus' own parser or not at all.
/// </summary>
internal static class Promtool
{
    public const string Path = "/usr/bin/promtool";

    public sealed record Result(int ExitCode, string Output);

    /// <summary>Writes <paramref name="files"/> (name, text) into a new temporary folder and runs promtool there.</summary>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> files, params string[] arguments)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: install Debian's prometheus package (scripts/stack.sh does).");
        var folder = Directory.CreateTempSubdirectory("dashboard-rules-");
        try
        {
            foreach (var (name, text) in files)
            {
                await File.WriteAllTextAsync(System.IO.Path.Combine(folder.FullName, name), text);
            }
            var start = new ProcessStartInfo(Path)
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, (await stdout) + (await stderr));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
