using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Jobs.Storage.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<AlertRow>
{
    public void Configure(EntityTypeBuilder<AlertRow> builder)
    {
        builder.ToTable("alerts");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(x => new { x.Source, x.Metric, x.Entity, x.Severity }).IsUnique();
        builder.HasIndex(x => x.State);
        builder.Property(x => x.Source).HasMaxLength(32);
        builder.Property(x => x.Metric).HasMaxLength(200);
        builder.Property(x => x.Entity).HasMaxLength(1000);
        builder.Property(x => x.Severity).HasMaxLength(16);
        builder.Property(x => x.State).HasMaxLength(16);
        builder.Property(x => x.Unit).HasMaxLength(32);
        builder.Property(x => x.Direction).HasMaxLength(16);
        builder.Property(x => x.SourceStaleReason).HasMaxLength(1000);
        builder.Property(x => x.Fingerprint).HasMaxLength(64);
        builder.Property(x => x.Summary).HasMaxLength(1000);
        builder.Property(x => x.GeneratorUrl).HasMaxLength(2000);
        builder.Property(x => x.RunbookUrl).HasMaxLength(2000);
        builder.Property(x => x.AckedBy).HasMaxLength(256);
        builder.Property(x => x.AckNote).HasMaxLength(500);
        builder.Property(x => x.SilencedBy).HasMaxLength(256);
        builder.Property(x => x.SilenceReason).HasMaxLength(500);
        builder.Property(x => x.AlertmanagerSilenceId).HasMaxLength(64);
        builder.Property(x => x.Labels).HasJsonbDictionary();
        builder.Ignore(x => x.AlertState);
        builder.Ignore(x => x.AlertSeverity);
        builder.Ignore(x => x.IsOpen);
        builder.Ignore(x => x.Series);
    }
}
