using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Jobs.Storage.Configurations;

internal sealed class MetricSettingConfiguration : IEntityTypeConfiguration<MetricSettingRow>
{
    public void Configure(EntityTypeBuilder<MetricSettingRow> builder)
    {
        builder.ToTable("metric_settings");
        builder.HasKey(x => x.MetricId);
        builder.Property(x => x.MetricId).HasMaxLength(64);
        builder.Property(x => x.Category).HasMaxLength(64);
        builder.Property(x => x.Name).HasMaxLength(128);
        builder.Property(x => x.Unit).HasMaxLength(32);
        builder.Property(x => x.Direction).HasMaxLength(32);
        builder.Property(x => x.UpdatedBy).HasMaxLength(256);
        builder.Property(x => x.IsBuiltIn).HasDefaultValue(true).HasSentinel(true); // false is written, true left to the default
        builder.Property(x => x.UsageQuery).HasMaxLength(ResourceLimits.QueryLength);
        builder.Property(x => x.CapacityQuery).HasMaxLength(ResourceLimits.QueryLength);
        builder.Property(x => x.UsageUnit).HasMaxLength(32);
        builder.Property(x => x.EntityLabel).HasMaxLength(ResourceLimits.LabelLength);
        builder.Property(x => x.Note).HasMaxLength(ResourceLimits.NoteLength).HasDefaultValue("");
        builder.Property(x => x.LoadModel).HasMaxLength(32).HasDefaultValue("Auto");
    }
}
