using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

// Observation writes into the partitioned table: binary COPY (ObservationWriter) vs batched
// multi-row INSERT vs EF Core SaveChanges, on the same shape of rows, into a fresh database.
// Usage: dotnet run -c Release -- [--rows N] [--ef-rows N] [--batch N] [--series N] [--settings path] [--copy-only]

var rows = Arg("--rows", 1_000_000);
var efRows = Arg("--ef-rows", 100_000);
var batch = Arg("--batch", 50_000);
var seriesCount = Arg("--series", 1_000);
var settingsPath = ArgString("--settings") ?? Environment.GetEnvironmentVariable("DASHBOARD_STACK_SETTINGS")
    ?? throw new InvalidOperationException("Pass --settings <appsettings.stack.json> or set DASHBOARD_STACK_SETTINGS.");

using var settings = JsonDocument.Parse(File.ReadAllText(settingsPath));
var server = settings.RootElement.GetProperty("ConnectionStrings").GetProperty("Primary").GetString()!;
var primary = new NpgsqlConnectionStringBuilder(server) { Database = "dashboard_bench" }.ConnectionString;
await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString))
{
    await admin.OpenAsync();
    await new NpgsqlCommand("DROP DATABASE IF EXISTS dashboard_bench WITH (FORCE)", admin).ExecuteNonQueryAsync();
    await new NpgsqlCommand("CREATE DATABASE dashboard_bench", admin).ExecuteNonQueryAsync();
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Primary"] = primary });
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<StorageOptions>().BindConfiguration("ConnectionStrings");
builder.Services.AddOptions<StorageRetentionOptions>().BindConfiguration(StorageRetentionOptions.Section);
builder.AddDashboardStorage();
using var host = builder.Build();
var services = host.Services;
await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
var writer = services.GetRequiredService<ObservationWriter>();
var contexts = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

// Points every 15 s for each series, ending an hour ago: a realistic ingest shape spanning a few days.
var perSeries = (rows + seriesCount - 1) / seriesCount;
var start = DateTimeOffset.UtcNow.AddHours(-1) - TimeSpan.FromSeconds(15) * perSeries;
var days = Enumerable.Range(0, (int)(DateTimeOffset.UtcNow - start).TotalDays + 2)
    .Select(d => DateOnly.FromDateTime(start.UtcDateTime).AddDays(d)).ToList();
await services.GetRequiredService<PartitionMaintenance>().EnsureAsync(days, CancellationToken.None);

List<Observation> Points(string metric, int count) =>
    [.. Enumerable.Range(0, count).Select(i =>
        new Observation(metric, $"instance=\"host-{i % seriesCount}\"", start + TimeSpan.FromSeconds(15) * (i / seriesCount), i * 0.001))];

async Task<Dictionary<string, long>> SeriesIds(string metric)
{
    // The INSERT and EF paths get their series ids up front, so only the point writes are timed.
    await writer.WriteAsync([.. Enumerable.Range(0, seriesCount).Select(i =>
        new Observation(metric, $"instance=\"host-{i}\"", start.AddDays(-1), 0))], CancellationToken.None);
    await using var db = await contexts.CreateDbContextAsync();
    return await db.Series.Where(s => s.Metric == metric).ToDictionaryAsync(s => s.Entity, s => s.Id);
}

async Task Checkpoint()
{
    await using var c = new NpgsqlConnection(primary);
    await c.OpenAsync();
    await new NpgsqlCommand("CHECKPOINT", c).ExecuteNonQueryAsync();
}

async Task<double> Time(string name, int count, Func<Task> body)
{
    await Checkpoint();
    var watch = Stopwatch.StartNew();
    await body();
    watch.Stop();
    var perSecond = count / watch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-42} {count,10:N0} rows {watch.Elapsed.TotalSeconds,8:F2} s {perSecond,12:N0} rows/s"));
    return perSecond;
}

// Warm-up (JIT, connection pool, plan caches), not timed.
await writer.WriteAsync(Points("warmup", 20_000), CancellationToken.None);

var copyPoints = Points("bench_copy", rows);
var copy = await Time($"ObservationWriter, binary COPY (batch {batch:N0})", rows, async () =>
{
    foreach (var chunk in copyPoints.Chunk(batch))
    {
        await writer.WriteAsync(chunk, CancellationToken.None);
    }
});
var rerun = await Time("ObservationWriter, same rows again (all dup.)", rows, async () =>
{
    foreach (var chunk in copyPoints.Chunk(batch))
    {
        var result = await writer.WriteAsync(chunk, CancellationToken.None);
        if (result.Inserted != 0)
        {
            throw new InvalidOperationException("a rerun inserted rows");
        }
    }
});

if (args.Contains("--copy-only"))
{
    return;
}

const int RowsPerStatement = 1_000;
async Task<double> BatchedInsert(string metric, bool keyOrder)
{
    var points = Points(metric, rows);
    var ids = await SeriesIds(metric);
    var order = keyOrder ? "key order" : "arrival order";
    return await Time($"batched INSERT, {order} ({RowsPerStatement:N0}/stmt)", rows, async () =>
    {
        await using var connection = new NpgsqlConnection(primary);
        await connection.OpenAsync();
        foreach (var chunk in points.Chunk(batch))
        {
            var ordered = keyOrder ? [.. chunk.OrderBy(o => ids[o.Entity]).ThenBy(o => o.Timestamp)] : chunk;
            await using var tx = await connection.BeginTransactionAsync();
            foreach (var statement in ordered.Chunk(RowsPerStatement))
            {
                var sql = new StringBuilder("INSERT INTO observations (series_id, ts, value) VALUES ");
                await using var command = new NpgsqlCommand { Connection = connection, Transaction = tx };
                for (var i = 0; i < statement.Length; i++)
                {
                    sql.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"(${3 * i + 1},${3 * i + 2},${3 * i + 3})");
                    command.Parameters.Add(new NpgsqlParameter { Value = ids[statement[i].Entity], NpgsqlDbType = NpgsqlDbType.Bigint });
                    command.Parameters.Add(new NpgsqlParameter { Value = statement[i].Timestamp.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                    command.Parameters.Add(new NpgsqlParameter { Value = statement[i].Value, NpgsqlDbType = NpgsqlDbType.Double });
                }
                command.CommandText = sql.Append(" ON CONFLICT (series_id, ts) DO NOTHING").ToString();
                await command.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
    });
}
var insert = await BatchedInsert("bench_insert", keyOrder: false);
// The writer sorts each batch by (series, time); the same favour for INSERT, so the ratio is about COPY.
var insertSorted = await BatchedInsert("bench_insert_sorted", keyOrder: true);

var efPoints = Points("bench_ef", efRows);
var efIds = await SeriesIds("bench_ef");
var ef = await Time($"EF Core AddRange + SaveChanges (per {Math.Min(batch, 10_000):N0})", efRows, async () =>
{
    foreach (var chunk in efPoints.Chunk(Math.Min(batch, 10_000)))
    {
        await using var db = await contexts.CreateDbContextAsync();
        db.Observations.AddRange(chunk.Select(o => new ObservationRow { SeriesId = efIds[o.Entity], Ts = o.Timestamp, Value = o.Value }));
        await db.SaveChangesAsync();
    }
});

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"COPY / batched INSERT: {copy / insert:F2}x (arrival order), {copy / insertSorted:F2}x (key order); COPY / EF SaveChanges: {copy / ef:F2}x; duplicate rerun {rerun:N0} rows/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Target: COPY >= 200,000 rows/s ({(copy >= 200_000 ? "met" : "NOT met")}) and >= 2.5x batched INSERT in key order ({(copy >= 2.5 * insertSorted ? "met" : "NOT met")})"));

int Arg(string name, int fallback) => ArgString(name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;
string? ArgString(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
