using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Jobs.Storage.Configurations;

internal sealed class BusinessProfileConfiguration : IEntityTypeConfiguration<BusinessProfileRow>
{
    public void Configure(EntityTypeBuilder<BusinessProfileRow> builder)
    {
        builder.ToTable("business_profile", t =>
        {
            t.HasCheckConstraint("ck_business_profile_singleton", "id = 1");
            t.HasCheckConstraint("ck_business_profile_mrr", "monthly_recurring_revenue_usd >= 0");
            t.HasCheckConstraint("ck_business_profile_users", "active_users >= 0");
            t.HasCheckConstraint("ck_business_profile_spend", "monthly_infra_spend_usd >= 0");
            t.HasCheckConstraint("ck_business_profile_slo", "slo_target_percent >= 90 AND slo_target_percent <= 99.999");
        });
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.MonthlyRecurringRevenueUsd).HasPrecision(14, 2);
        builder.Property(x => x.MonthlyInfraSpendUsd).HasPrecision(14, 2);
        builder.Property(x => x.SloTargetPercent).HasPrecision(6, 3);
        builder.Property(x => x.RevenuePerConversionUsd).HasPrecision(12, 2);
        builder.Property(x => x.UpdatedBy).HasMaxLength(256);
        builder.Property(x => x.Version).IsRowVersion();
    }
}
