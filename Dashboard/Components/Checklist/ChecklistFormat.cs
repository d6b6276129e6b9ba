using Dashboard.Components.Shared;
using Dashboard.Services.Checklist;
using MudBlazor;

namespace Dashboard.Components.Checklist;

/// <summary>How a checklist state speaks (docs/ui.md): a colour, an icon and a word together, never colour alone.</summary>
public static class ChecklistFormat
{
    public static Color Colour(ChecklistItemState state) => state switch
    {
        ChecklistItemState.Done => Color.Success,
        ChecklistItemState.NotDone => Color.Warning,
        _ => Color.Default,
    };

    public static string Icon(ChecklistItemState state) => state switch
    {
        ChecklistItemState.Done => Icons.Material.Filled.CheckCircle,
        ChecklistItemState.NotDone => Icons.Material.Filled.Cancel,
        ChecklistItemState.NotMeasured => Icons.Material.Filled.HelpOutline,
        _ => Icons.Material.Filled.RadioButtonUnchecked,
    };

    public static string Word(ChecklistItemState state) => state switch
    {
        ChecklistItemState.Done => "Done",
        ChecklistItemState.NotDone => "Not in place",
        ChecklistItemState.NotMeasured => "Not measured",
        _ => "Open",
    };

    /// <summary>"ticked by pm@example.com · 14:05:12 (3 min ago)", "unticked by …", or "not ticked yet".</summary>
    public static string WhoWhen(ChecklistItemView item, DateTimeOffset now) => item.UpdatedBy is { } who && item.UpdatedAt is { } at
        ? $"{(item.State == ChecklistItemState.Done ? "ticked" : "unticked")} by {who} · {Humanize.Moment(at, now)}"
        : "not ticked yet";

    /// <summary>
    /// "3 measured automatically, 4 ticked by hand (1 of them ticked)": the manual items are counted
    /// as items to tick, with how many are ticked now, so the count never reads as ticks that the
    /// audit trail does not show.
    /// </summary>
    public static string PhaseKinds(ChecklistPhaseView phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var automatic = phase.Items.Count(i => i.IsAutomatic);
        var manual = phase.Items.Where(i => !i.IsAutomatic).ToList();
        var ticked = manual.Count(i => i.State == ChecklistItemState.Done);
        return $"{automatic} measured automatically, {manual.Count} to tick by hand ({ticked} ticked)";
    }
}
