using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Jobs.Storage.Configurations;

internal sealed class ForecastConfiguration : IEntityTypeConfiguration<ForecastRow>
{
    public void Configure(EntityTypeBuilder<ForecastRow> builder)
    {
        builder.ToTable("forecasts");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => new { x.Metric, x.Entity }).IsUnique();
        builder.Property(x => x.Metric).HasMaxLength(128);
        builder.Property(x => x.Entity).HasMaxLength(512);
        builder.Property(x => x.Status).HasMaxLength(32);
        builder.Property(x => x.Message).HasMaxLength(1000);
        builder.Property(x => x.Unit).HasMaxLength(32);
        builder.Property(x => x.ModelKind).HasMaxLength(64);
        builder.Property(x => x.Trend).HasMaxLength(16);
        builder.Property(x => x.Parameters).HasJsonbDictionary();
        builder.OwnsOne(x => x.Warning, Crossing);
        builder.OwnsOne(x => x.Critical, Crossing);
    }

    private static void Crossing<T>(OwnedNavigationBuilder<T, CrossingColumns> crossing) where T : class
    {
        crossing.Property(c => c.Kind).HasMaxLength(32);
        crossing.Property(c => c.MovedFromKind).HasMaxLength(32);
        crossing.Property(c => c.MovedToKind).HasMaxLength(32);
        crossing.Property(c => c.MoveCause).HasMaxLength(32);
        crossing.Property(c => c.MoveReason).HasMaxLength(300);
    }
}

internal sealed class ForecastRunConfiguration : IEntityTypeConfiguration<ForecastRunRow>
{
    public void Configure(EntityTypeBuilder<ForecastRunRow> builder)
    {
        builder.ToTable("forecast_runs");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.RequestedAt);
        builder.Property(x => x.RequestedBy).HasMaxLength(256);
        builder.Property(x => x.State).HasMaxLength(16);
        builder.Property(x => x.Error).HasMaxLength(2000);
    }
}
