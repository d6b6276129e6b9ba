using Dashboard.Hosting;
using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Options;

// Verbs for operators: `migrate` applies migrations and seeds, then exits; `check-metrics`
// validates an exposition without building the host (no database, no configuration).
if (args.Length > 0 && args[0] == CheckMetricsCommand.Verb)
{
    return await CheckMetricsCommand.RunAsync(args[1..], Console.Out, CancellationToken.None);
}
MetricsDefaults.Apply();
var verb = args.Length > 0 && args[0] is "migrate" ? args[0] : null;
var builder = WebApplication.CreateBuilder(verb is null ? args : args[1..]);
builder.AddDashboard();
var app = builder.Build();

if (verb == "migrate")
{
    await app.PrepareDatabaseAsync(CancellationToken.None);
    Console.WriteLine("Database migrated and seeded.");
    return 0;
}

app.UseDashboard();
if (app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.MigrateOnStart)
{
    await app.PrepareDatabaseAsync(app.Lifetime.ApplicationStopping);
}
if (!await app.ApplyConfigFileAsync(app.Lifetime.ApplicationStopping))
{
    // Disposing flushes the log, which says why, line by line.
    await app.DisposeAsync();
    return ConfigFileStartup.ExitCode;
}
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
