using Dashboard.Jobs.Readings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Jobs.Storage.Configurations;

internal sealed class SeriesStateConfiguration : IEntityTypeConfiguration<SeriesReading>
{
    public void Configure(EntityTypeBuilder<SeriesReading> builder)
    {
        builder.ToTable("series_state");
        builder.HasKey(x => new { x.Metric, x.Entity });
        builder.Property(x => x.Metric).HasMaxLength(200);
        builder.Property(x => x.Entity).HasMaxLength(1000);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.StaleReason).HasMaxLength(SeriesReading.StaleReasonMaxLength);
        builder.Ignore(x => x.IsFresh);
    }
}
