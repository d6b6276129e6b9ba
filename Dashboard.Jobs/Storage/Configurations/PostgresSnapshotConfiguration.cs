using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Jobs.Storage.Configurations;

internal sealed class PostgresSnapshotConfiguration : IEntityTypeConfiguration<PostgresSnapshotRow>
{
    public void Configure(EntityTypeBuilder<PostgresSnapshotRow> builder)
    {
        builder.ToTable("postgres_snapshots");
        builder.HasKey(x => x.Name);
        builder.Property(x => x.Name).HasMaxLength(128);
        builder.Property(x => x.Target).HasMaxLength(512);
        builder.Property(x => x.Snapshot).HasColumnType("jsonb");
    }
}
