using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Jobs.Storage.Configurations;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<ReportRow>
{
    public void Configure(EntityTypeBuilder<ReportRow> builder)
    {
        builder.ToTable("reports");
        builder.HasKey(x => x.Id);
        // The card lists the latest per audience; retention keeps the last N per audience.
        builder.HasIndex(x => new { x.Audience, x.RequestedAt });
        builder.Property(x => x.Audience).HasMaxLength(16);
        builder.Property(x => x.RequestedBy).HasMaxLength(256);
        builder.Property(x => x.State).HasMaxLength(16);
        builder.Property(x => x.Step).HasMaxLength(200);
        builder.Property(x => x.Error).HasMaxLength(2000);
        builder.Property(x => x.ContentType).HasMaxLength(100);
    }
}
