using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Jobs.Storage.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRunRow>
{
    public void Configure(EntityTypeBuilder<JobRunRow> builder)
    {
        builder.ToTable("job_runs");
        builder.HasKey(x => x.JobId);
        builder.Property(x => x.JobId).HasMaxLength(64);
        builder.Property(x => x.LastError).HasMaxLength(2000);
        builder.Property(x => x.LastRunBy).HasMaxLength(256);
    }
}
