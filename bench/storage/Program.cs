using System.Buffers.Binary;
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
// Usage: dotnet run -c Release -- [--rows N] [--ef-rows N] [--batch N] [--series N] [--settings path] [--rounds N] [--copy-only]

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
    // Client CPU: this process's own, plus that of children it has waited for (psql).
    var cpu = ClientCpu();
    var watch = Stopwatch.StartNew();
    await body();
    watch.Stop();
    var clientCpu = ClientCpu() - cpu;
    var perSecond = count / watch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-42} {count,10:N0} rows {watch.Elapsed.TotalSeconds,8:F2} s {perSecond,12:N0} rows/s  client CPU {clientCpu.TotalSeconds,5:F2} s"));
    return perSecond;
}

static TimeSpan ClientCpu()
{
    // /proc/self/stat fields 16-17 (cutime, cstime): waited-for children, in clock ticks (USER_HZ = 100).
    var fields = File.ReadAllText("/proc/self/stat").Split(") ")[1].Split(' ');
    var children = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
    return Process.GetCurrentProcess().TotalProcessorTime + TimeSpan.FromSeconds(children / 100.0);
}

// Warm-up (JIT, connection pool, plan caches), not timed.
await writer.WriteAsync(Points("warmup", 20_000), CancellationToken.None);

var copyPoints = Points("bench_copy", rows);
var copyIds = await SeriesIds("bench_copy");

// The peer: psql's own binary COPY of the same rows, in the order the writer sends them (each
// batch in (series, ts) order), from a PGCOPY file written here. Only psql's load is timed.
var copyFile = Path.Combine(Path.GetTempPath(), $"dashboard-bench-{Environment.ProcessId}.pgcopy");
WriteCopyFile(copyFile, copyPoints, copyIds, batch);
var rounds = Arg("--rounds", 3);
var copyRuns = new List<(double Psql, double Writer, double Rerun)>();
try
{
    for (var round = 1; round <= rounds; round++)
    {
        // Alternate which goes first, so neither always meets the other's autovacuum or dirty pages.
        double psqlRate = 0, writerRate = 0, rerunRate = 0;
        foreach (var step in round % 2 == 1 ? new[] { "psql", "writer" } : ["writer", "psql"])
        {
            await Truncate();
            if (step == "psql")
            {
                psqlRate = await Time($"round {round}: psql \\copy (format binary), 1 tx", rows, () => Psql(copyFile));
                await AssertStored(rows);
            }
            else
            {
                writerRate = await Time($"round {round}: ObservationWriter (batch {batch:N0})", rows, async () =>
                {
                    foreach (var chunk in copyPoints.Chunk(batch))
                    {
                        await writer.WriteAsync(chunk, CancellationToken.None);
                    }
                });
                await AssertStored(rows);
                rerunRate = await Time($"round {round}: ObservationWriter, same rows again", rows, async () =>
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
                await AssertStored(rows);
            }
        }
        copyRuns.Add((psqlRate, writerRate, rerunRate));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: writer / psql COPY = {writerRate / psqlRate:F2}x (target >= 0.80x: {(writerRate >= 0.8 * psqlRate ? "met" : "NOT met")}); duplicate rerun / psql = {rerunRate / psqlRate:F2}x; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }
}
finally
{
    File.Delete(copyFile);
}
var copy = copyRuns.Average(r => r.Writer);
var rerun = copyRuns.Average(r => r.Rerun);

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

async Task Truncate()
{
    await using var c = new NpgsqlConnection(primary);
    await c.OpenAsync();
    await new NpgsqlCommand("TRUNCATE observations, rollup_pending", c).ExecuteNonQueryAsync();
}

async Task AssertStored(long expected)
{
    await using var c = new NpgsqlConnection(primary);
    await c.OpenAsync();
    var stored = (long)(await new NpgsqlCommand("SELECT count(*) FROM observations", c).ExecuteScalarAsync())!;
    if (stored != expected)
    {
        throw new InvalidOperationException($"{stored:N0} rows stored, expected {expected:N0}");
    }
}

async Task Psql(string file)
{
    var connection = new NpgsqlConnectionStringBuilder(primary);
    var start = new ProcessStartInfo("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
        $"\\copy observations (series_id, ts, value) from '{file}' with (format binary)"])
    { RedirectStandardError = true };
    // The password goes through the environment, never the command line or the output.
    start.Environment["PGHOST"] = connection.Host;
    start.Environment["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture);
    start.Environment["PGUSER"] = connection.Username;
    start.Environment["PGPASSWORD"] = connection.Password;
    start.Environment["PGDATABASE"] = connection.Database;
    using var process = Process.Start(start)!;
    var error = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"psql exited with {process.ExitCode}: {error}");
    }
}

// PGCOPY binary format: signature, flags, header extension length, then per row a field count and
// each field as length + big-endian value; timestamptz is microseconds since 2000-01-01 UTC.
static void WriteCopyFile(string path, List<Observation> points, Dictionary<string, long> ids, int batch)
{
    var epoch = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    using var file = new BinaryWriter(new BufferedStream(File.Create(path), 1 << 20));
    file.Write("PGCOPY\n"u8);
    file.Write((byte)0xff);
    file.Write("\r\n\0"u8);
    file.Write(0);
    file.Write(0);
    foreach (var chunk in points.Chunk(batch))
    {
        var rowsInOrder = chunk.Select(o => (Id: ids[o.Entity], Micros: (o.Timestamp.UtcTicks - epoch) / 10, o.Value))
            .DistinctBy(r => (r.Id, r.Micros)).OrderBy(r => r.Id).ThenBy(r => r.Micros);
        foreach (var (id, micros, value) in rowsInOrder)
        {
            file.Write(BinaryPrimitives.ReverseEndianness((short)3));
            file.Write(BinaryPrimitives.ReverseEndianness(8));
            file.Write(BinaryPrimitives.ReverseEndianness(id));
            file.Write(BinaryPrimitives.ReverseEndianness(8));
            file.Write(BinaryPrimitives.ReverseEndianness(micros));
            file.Write(BinaryPrimitives.ReverseEndianness(8));
            file.Write(BinaryPrimitives.ReverseEndianness(BitConverter.DoubleToInt64Bits(value)));
        }
    }
    file.Write(BinaryPrimitives.ReverseEndianness((short)-1));
}

int Arg(string name, int fallback) => ArgString(name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;
string? ArgString(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
