using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Jobs.Storage.Configurations;

// The observation store's tables are created by raw SQL in the ObservationStore migration
// (EF cannot express partitioning, BRIN indexes or generated columns the way we need them);
// EF maps them for reads only and leaves them out of its own migrations.

internal sealed class SeriesConfiguration : IEntityTypeConfiguration<SeriesRow>
{
    public void Configure(EntityTypeBuilder<SeriesRow> builder)
    {
        builder.ToTable("series", t => t.ExcludeFromMigrations());
        builder.HasKey(x => x.Id);
    }
}

internal sealed class ObservationConfiguration : IEntityTypeConfiguration<ObservationRow>
{
    public void Configure(EntityTypeBuilder<ObservationRow> builder)
    {
        builder.ToTable("observations", t => t.ExcludeFromMigrations());
        builder.HasKey(x => new { x.SeriesId, x.Ts });
    }
}

internal sealed class Rollup5mConfiguration : IEntityTypeConfiguration<Rollup5mRow>
{
    public void Configure(EntityTypeBuilder<Rollup5mRow> builder) => RollupMapping.Map(builder, "observations_5m");
}

internal sealed class Rollup1hConfiguration : IEntityTypeConfiguration<Rollup1hRow>
{
    public void Configure(EntityTypeBuilder<Rollup1hRow> builder) => RollupMapping.Map(builder, "observations_1h");
}

internal static class RollupMapping
{
    public static void Map<T>(EntityTypeBuilder<T> builder, string table) where T : RollupRow
    {
        builder.ToTable(table, t => t.ExcludeFromMigrations());
        builder.HasKey(x => new { x.SeriesId, x.Bucket });
        builder.Property(x => x.Avg).ValueGeneratedOnAddOrUpdate();
    }
}
