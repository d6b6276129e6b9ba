using Dashboard.Jobs.Settings;
using Dashboard.Services.Config;
using Microsoft.Extensions.Options;

namespace Dashboard.Hosting;

/// <summary>
/// GitOps: the document named by <c>Dashboard:ConfigFile</c> is applied once at start-up, after the migrations and
/// before the host starts, through the same importer as the API (all or nothing, in one transaction). A missing or
/// invalid file stops the start: every problem is logged by line and field and the process exits with
/// <see cref="ExitCode"/>, with nothing applied.
/// </summary>
internal static partial class ConfigFileStartup
{
    /// <summary>The exit code of a start stopped by the configuration file.</summary>
    public const int ExitCode = 3;

    /// <summary>True when there is no file to apply or it was applied; false (problems logged) when the start must stop.</summary>
    public static async Task<bool> ApplyConfigFileAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var path = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.ConfigFile;
        if (string.IsNullOrWhiteSpace(path))
        {
            return true;
        }
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConfigFileStartup).FullName!);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, path, ex.Message);
            return false;
        }
        // The stored source settings first: a secret is kept by comparing with the sources in force.
        await app.Services.GetRequiredService<SourceSettingsLoader>().RefreshAsync(cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<ConfigImporter>();
        var result = await importer.ImportAsync(text, ConfigActor.StartupFile(path), dryRun: false, cancellationToken);
        if (result.Summary is not { } summary)
        {
            LogInvalid(logger, path, result.Errors.Count, string.Concat(result.Errors.Select(e => $"{Environment.NewLine}  {path}: {e}")));
            return false;
        }
        LogApplied(logger, path, summary.Describe());
        foreach (var warning in summary.Warnings)
        {
            LogWarning(logger, path, warning);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Dashboard:ConfigFile '{Path}' cannot be read ({Reason}); the start is stopped, nothing was applied")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Dashboard:ConfigFile '{Path}' is invalid ({Count} problem(s)); the start is stopped, nothing was applied:{Problems}")]
    private static partial void LogInvalid(ILogger logger, string path, int count, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard:ConfigFile '{Path}' applied: {Summary}")]
    private static partial void LogApplied(ILogger logger, string path, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard:ConfigFile '{Path}': {Warning}")]
    private static partial void LogWarning(ILogger logger, string path, string warning);
}
