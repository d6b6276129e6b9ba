using Dashboard.Jobs.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Jobs.Storage.Configurations;

internal sealed class SourceStatusConfiguration : IEntityTypeConfiguration<SourceStatusRow>
{
    public void Configure(EntityTypeBuilder<SourceStatusRow> builder)
    {
        builder.ToTable("source_status");
        builder.HasKey(x => x.Source);
        builder.Property(x => x.Source).HasMaxLength(128);
        builder.Property(x => x.LastError).HasMaxLength(1000);
        builder.Ignore(x => x.IsStale);
    }
}
