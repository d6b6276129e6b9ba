using System.Security.Cryptography;
using Dashboard.Jobs.Storage;
using Dashboard.Services.Sources;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Hosting;

/// <summary>
/// Feeds the stored source settings (source_settings on the primary) into the Settings
/// configuration layer: before any hosted service starts (so the first ingest run already uses
/// them), right after a save in this process, and every <see cref="PollInterval"/> so the other
/// processes (a separate worker, more web instances) pick up a save too. Secrets are decrypted
/// here and only here. A stored set that fails validation is not applied: the previous values stay.
/// </summary>
internal sealed partial class SourceSettingsLoader(
    SourceSettingsConfigurationSource source,
    IDbContextFactory<DashboardDbContext> contexts,
    IDataProtectionProvider protection,
    SourceSettingsValidator validator,
    TimeProvider time,
    ILogger<SourceSettingsLoader> logger) : BackgroundService, IHostedLifecycleService
{
    /// <summary>The Data Protection purpose of stored source secrets.</summary>
    public const string Purpose = "Dashboard.SourceSettings.v1";

    /// <summary>How often other processes look for a save.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private bool lastFailed;

    /// <summary>Stored settings that could not be used, in words (keys, never values).</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IDataProtector Protector => protection.CreateProtector(Purpose);

    /// <summary>Reads the stored settings and applies them when they are valid; returns the errors that kept them out.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> RefreshAsync(CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await db.SourceSettings.AsNoTracking().ToListAsync(cancellationToken);
            var protector = Protector;
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var problems = new List<string>();
            foreach (var row in rows)
            {
                if (!SourceSettingKeys.IsManaged(row.Key))
                {
                    problems.Add($"{row.Key} is not a source setting; it is ignored.");
                    continue;
                }
                if (!row.IsSecret)
                {
                    values[row.Key] = row.Value;
                    continue;
                }
                try
                {
                    values[row.Key] = protector.Unprotect(row.Value);
                }
                catch (CryptographicException)
                {
                    problems.Add($"{row.Key}: the stored secret cannot be decrypted with this deployment's Data Protection keys; enter it again.");
                }
            }
            var errors = validator.Validate(values);
            if (errors.Count > 0)
            {
                problems.AddRange(errors.Values.SelectMany(e => e));
                Problems = problems;
                LogRejected(string.Join(", ", errors.Keys));
                return errors;
            }
            Problems = problems;
            if (source.Provider.Replace(values))
            {
                LogApplied(values.Count, string.Join(", ", values.Keys.Order(StringComparer.OrdinalIgnoreCase)));
            }
            return errors;
        }
        finally
        {
            refreshing.Release();
        }
    }

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Start anyway on the configuration files; the poll tries again.
            lastFailed = true;
            LogUnreadable(ex.GetType().Name, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
                lastFailed = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (!lastFailed)
                {
                    LogUnreadable(ex.GetType().Name, ex.Message);
                }
                lastFailed = true;
            }
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        refreshing.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Source settings from the Settings page applied ({Count} keys: {Keys})")]
    private partial void LogApplied(int count, string keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored source settings are invalid here and were not applied (keys: {Keys}); the previous settings stay")]
    private partial void LogRejected(string keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored source settings could not be read ({Error}: {Reason}); using the configuration files until they can")]
    private partial void LogUnreadable(string error, string reason);
}
