using Bunit;
using Dashboard.Components.Checklist;
using Dashboard.Domain.Catalog;
using Dashboard.Services.Checklist;

namespace Dashboard.Tests.Web;

/// <summary>Checklist rows: automatic items show their evidence (or "not measured"), manual items who ticked them and when.</summary>
public sealed class ChecklistRowTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 14, 5, 0, TimeSpan.Zero);

    private IRenderedComponent<ChecklistItemRow> RenderRow(ChecklistItemView item, bool canEdit = true, Action<bool>? onToggle = null) =>
        Render<ChecklistItemRow>(p => p
            .Add(c => c.Item, item)
            .Add(c => c.Now, Now)
            .Add(c => c.CanEdit, canEdit)
            .Add(c => c.OnToggle, onToggle ?? (_ => { })));

    private static ChecklistItemView Auto(ChecklistItemState state, string evidence) => new()
    {
        Id = "read_replica",
        Phase = ChecklistPhase.GrowthReady,
        Text = "Read replica for reporting",
        Kind = ChecklistService.Auto,
        Signal = ChecklistSignal.ReplicaPresent,
        State = state,
        Evidence = evidence,
    };

    private static ChecklistItemView Manual(ChecklistItemState state, string? by = null, DateTimeOffset? at = null) => new()
    {
        Id = "log_aggregation",
        Phase = ChecklistPhase.Foundation,
        Text = "Log aggregation",
        Kind = ChecklistService.Manual,
        State = state,
        UpdatedBy = by,
        UpdatedAt = at,
    };

    [Fact]
    public void AutoItem_Measured_ShowsDoneWordAndEvidenceAndNoCheckbox()
    {
        var cut = RenderRow(Auto(ChecklistItemState.Done, "streaming standby replica1, lag 0.2 s"));

        Assert.Equal("Done", cut.Find("[data-testid=checklist-state]").TextContent.Trim());
        Assert.Equal("streaming standby replica1, lag 0.2 s", cut.Find("[data-testid=checklist-evidence]").TextContent.Trim());
        Assert.Contains("measured automatically", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=checklist-tick]"));
        Assert.Empty(cut.FindAll("input[type=checkbox]"));
    }

    [Fact]
    public void AutoItem_NotMeasured_SaysSoAndCannotBeTicked()
    {
        var cut = RenderRow(Auto(ChecklistItemState.NotMeasured, "not measured: no PostgreSQL statistics collected in the last 10 minutes"));

        Assert.Equal("Not measured", cut.Find("[data-testid=checklist-state]").TextContent.Trim());
        Assert.Equal("NotMeasured", cut.Find("[data-testid=checklist-item]").GetAttribute("data-state"));
        Assert.Contains("no PostgreSQL statistics", cut.Find("[data-testid=checklist-evidence]").TextContent);
        Assert.Empty(cut.FindAll("input[type=checkbox]"));
    }

    [Fact]
    public void ManualItem_Ticked_ShowsWhoAndWhenAndCheckedBox()
    {
        var cut = RenderRow(Manual(ChecklistItemState.Done, "pm@demo.local", Now.AddMinutes(-5)));

        var who = cut.Find("[data-testid=checklist-who]").TextContent;
        Assert.Contains("ticked by pm@demo.local", who);
        Assert.Contains("(5 min ago)", who);
        Assert.True(cut.Find("input[type=checkbox]").HasAttribute("checked"));
        Assert.Equal("Done", cut.Find("[data-testid=checklist-state]").TextContent.Trim());
    }

    [Fact]
    public void ManualItem_Unticked_ShowsWhoUntickedIt()
    {
        var cut = RenderRow(Manual(ChecklistItemState.Open, "engineer@demo.local", Now.AddHours(-3)));

        Assert.Contains("unticked by engineer@demo.local", cut.Find("[data-testid=checklist-who]").TextContent);
        Assert.False(cut.Find("input[type=checkbox]").HasAttribute("checked"));
        Assert.Equal("Open", cut.Find("[data-testid=checklist-state]").TextContent.Trim());
    }

    [Fact]
    public void ManualItem_NeverTicked_SaysNotTickedYet()
    {
        var cut = RenderRow(Manual(ChecklistItemState.Open));

        Assert.Equal("not ticked yet", cut.Find("[data-testid=checklist-who]").TextContent.Trim());
    }

    [Fact]
    public void ManualItem_Clicked_AsksToTick()
    {
        bool? asked = null;
        var cut = RenderRow(Manual(ChecklistItemState.Open), onToggle: done => asked = done);

        cut.Find("input[type=checkbox]").Change(true);

        Assert.True(asked);
    }

    [Fact]
    public void ManualItem_ViewerMayNotEdit_NoCheckboxButStateShown()
    {
        var cut = RenderRow(Manual(ChecklistItemState.Done, "pm@demo.local", Now.AddMinutes(-1)), canEdit: false);

        Assert.Empty(cut.FindAll("input[type=checkbox]"));
        Assert.Contains("ticked by pm@demo.local", cut.Find("[data-testid=checklist-who]").TextContent);
    }

    [Fact]
    public void PhaseCard_ManualItemsCountedAsToTickWithHowManyAreTicked()
    {
        var items = new List<ChecklistItemView>
        {
            Auto(ChecklistItemState.Done, "streaming standby replica1, lag 0.2 s"),
            Manual(ChecklistItemState.Done, "pm@demo.local", Now) with { Id = "error_tracking" },
            Manual(ChecklistItemState.Open),
            Manual(ChecklistItemState.Open) with { Id = "load_test_5x" },
        };
        var phase = new ChecklistPhaseView(ChecklistPhase.GrowthReady, 2, "Growth ready", 2, 4, 50, items);

        var cut = Render<ChecklistPhaseCard>(p => p.Add(c => c.Phase, phase).Add(c => c.Now, Now));

        // Not "3 ticked by people": three are to tick by hand and one of them is ticked.
        Assert.Equal("50 % · 1 measured automatically, 3 to tick by hand (1 ticked)", cut.Find("[data-testid=checklist-phase-progress]").TextContent.Trim());
    }
}
