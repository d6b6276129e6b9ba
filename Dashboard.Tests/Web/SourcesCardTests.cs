using Bunit;
using Dashboard.Components.Shared;
using Dashboard.Jobs.Ingest;

namespace Dashboard.Tests.Web;

/// <summary>The sources panel says how the last ingest gap was filled (docs/decisions/028).</summary>
public sealed class SourcesCardTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 14, 10, 0, TimeSpan.Zero);

    [Fact]
    public void BackfilledGap_Shown_WithSizeStepAndTime()
    {
        var row = Live(new SourceStatusRow { Source = "prometheus", LastBackfillAt = Now.AddMinutes(-3), LastBackfillSeconds = 420, LastBackfillStepSeconds = 15, LastBackfillSkippedSeconds = 0 });

        var card = Render<SourcesCard>(p => p.Add(c => c.Sources, [row]).Add(c => c.Now, Now));

        var text = card.Find("[data-testid=source-backfill]").TextContent;
        Assert.StartsWith("backfilled 7 min at 15 s · ", text);
        Assert.Contains("(3 min ago)", text);
        Assert.DoesNotContain("MaxBackfill", text);
    }

    [Fact]
    public void GapLongerThanLimit_SaysWhatWasLeftEmpty()
    {
        var row = Live(new SourceStatusRow { Source = "prometheus", LastBackfillAt = Now, LastBackfillSeconds = 6 * 3600, LastBackfillStepSeconds = 15, LastBackfillSkippedSeconds = 7200 });

        var card = Render<SourcesCard>(p => p.Add(c => c.Sources, [row]).Add(c => c.Now, Now));

        Assert.EndsWith("; 2 h older than Ingest:MaxBackfill left empty", card.Find("[data-testid=source-backfill]").TextContent);
    }

    [Fact]
    public void NoGapYet_NoBackfillLine()
    {
        var card = Render<SourcesCard>(p => p.Add(c => c.Sources, [Live(new SourceStatusRow { Source = "prometheus" })]).Add(c => c.Now, Now));

        Assert.Empty(card.FindAll("[data-testid=source-backfill]"));
    }

    private static SourceStatusRow Live(SourceStatusRow row)
    {
        row.LastSuccessAt = Now;
        return row;
    }
}
