using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Jobs.Storage.Configurations;

internal sealed class SourceSettingConfiguration : IEntityTypeConfiguration<SourceSettingRow>
{
    public void Configure(EntityTypeBuilder<SourceSettingRow> builder)
    {
        builder.ToTable("source_settings");
        builder.HasKey(x => x.Key);
        builder.Property(x => x.Key).HasMaxLength(256);
        builder.Property(x => x.UpdatedBy).HasMaxLength(256);
    }
}
