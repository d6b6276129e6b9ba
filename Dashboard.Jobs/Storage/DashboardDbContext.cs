using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Storage;

/// <summary>The write model, on the primary. Migrations belong to this context.</summary>
public class DashboardDbContext : IdentityDbContext<DashboardUser>, IDataProtectionKeyContext
{
    public DashboardDbContext(DbContextOptions<DashboardDbContext> options) : base(options) { }

    protected DashboardDbContext(DbContextOptions options) : base(options) { }

    public DbSet<BusinessProfileRow> BusinessProfiles => Set<BusinessProfileRow>();
    public DbSet<MetricSettingRow> MetricSettings => Set<MetricSettingRow>();
    public DbSet<ApiTokenRow> ApiTokens => Set<ApiTokenRow>();
    public DbSet<AuditEntryRow> AuditLog => Set<AuditEntryRow>();
    public DbSet<JobRunRow> JobRuns => Set<JobRunRow>();
    public DbSet<SourceStatusRow> SourceStatuses => Set<SourceStatusRow>();
    public DbSet<ForecastRow> Forecasts => Set<ForecastRow>();
    public DbSet<ForecastRunRow> ForecastRuns => Set<ForecastRunRow>();
    public DbSet<SourceSettingRow> SourceSettings => Set<SourceSettingRow>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PostgresSnapshotRow> PostgresSnapshots => Set<PostgresSnapshotRow>();
    public DbSet<ChecklistItemStateRow> ChecklistItemStates => Set<ChecklistItemStateRow>();
    public DbSet<ReportRow> Reports => Set<ReportRow>();
    public DbSet<AlertRow> Alerts => Set<AlertRow>();
    public DbSet<Readings.SeriesReading> SeriesStates => Set<Readings.SeriesReading>();

    // The observation store: written by ObservationWriter (binary COPY), read here.
    public DbSet<SeriesRow> Series => Set<SeriesRow>();
    public DbSet<ObservationRow> Observations => Set<ObservationRow>();
    public DbSet<Rollup5mRow> Rollups5m => Set<Rollup5mRow>();
    public DbSet<Rollup1hRow> Rollups1h => Set<Rollup1hRow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
    }
}
