using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Jobs.Storage.Configurations;

internal sealed class ChecklistItemStateConfiguration : IEntityTypeConfiguration<ChecklistItemStateRow>
{
    public void Configure(EntityTypeBuilder<ChecklistItemStateRow> builder)
    {
        builder.ToTable("checklist_item_states");
        builder.HasKey(x => x.ItemId);
        builder.Property(x => x.ItemId).HasMaxLength(64);
        builder.Property(x => x.Note).HasMaxLength(ChecklistItemStateRow.NoteMaxLength);
        builder.Property(x => x.UpdatedBy).HasMaxLength(256);
    }
}
