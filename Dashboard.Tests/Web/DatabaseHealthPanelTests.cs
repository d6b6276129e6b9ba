using Bunit;
using Dashboard.Components.Engineer;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Sources.Postgres;
using Dashboard.Services.DatabaseHealth;
using static Dashboard.Tests.Web.Snapshots;

namespace Dashboard.Tests.Web;

/// <summary>The database-health panel: every card from a snapshot, and the stale, no-data and partial edge cases.</summary>
public sealed class DatabaseHealthPanelTests : MudBunitContext
{
    private IRenderedComponent<DatabaseHealthPanel> RenderPanel(TargetHealth health) =>
        Render<DatabaseHealthPanel>(p => p.Add(c => c.Health, health).Add(c => c.Now, Now));

    [Fact]
    public void Live_EveryCardAnswersInItsTitleWithUnits()
    {
        var cut = RenderPanel(TargetOf(Of()));

        Assert.Equal("Live", cut.Find("[data-testid=db-health]").GetAttribute("data-state"));
        Assert.Contains("Connections: 14 % of max_connections", Title(cut, "db-connections"));
        Assert.Contains("Cache hit ratio: 99 % (tables and indexes)", Title(cut, "db-cache"));
        Assert.Contains("1 of 1 standby streaming, worst lag 4 KiB", Title(cut, "db-replication"));
        Assert.Contains("Top queries: 1 slow (mean above 200 ms)", Title(cut, "db-top-queries"));
        Assert.Contains("Largest table: public.orders, 1 GiB", Title(cut, "db-tables"));
        Assert.Contains("Wraparound headroom: 2.1B transaction IDs (oldest: shop", Title(cut, "db-xid"));
        Assert.Contains("Indexes: 1 unused, 0 duplicate sets", Title(cut, "db-indexes"));
        Assert.Empty(cut.FindAll("[data-testid=db-stale]"));
    }

    [Fact]
    public void Connections_ByStateAndApplication_AddUpToTotalHiddenStateNamed()
    {
        var cut = RenderPanel(TargetOf(Of()));

        var states = cut.FindAll("[data-testid=db-connections-state] tbody tr");
        var apps = cut.FindAll("[data-testid=db-connections-app] tbody tr");
        Assert.Equal(14, states.Sum(r => int.Parse(r.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(14, apps.Sum(r => int.Parse(r.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(states, r => r.GetAttribute("data-name") == TargetHealthBuilder.HiddenState);
        Assert.Contains(apps, r => r.GetAttribute("data-name") == TargetHealthBuilder.NoApplication);
    }

    [Fact]
    public void TopQueries_SlowUpdateSelected_ExplainWrappedInRollbackWithParameterNote()
    {
        var cut = RenderPanel(TargetOf(Of()));

        var field = cut.Find("[data-testid=explain-line]");
        var line = field.GetAttribute("value") ?? field.TextContent;
        Assert.Equal("TEXTAREA", field.TagName);
        Assert.True(field.HasAttribute("readonly"));
        Assert.Equal("BEGIN; EXPLAIN (ANALYZE, BUFFERS) UPDATE orders SET note = $1 WHERE id = $2; ROLLBACK;", line);
        Assert.Contains("fill in real values", cut.Find("[data-testid=explain-parameters]").TextContent);
        Assert.Contains("BEGIN … ROLLBACK", cut.Find("[data-testid=explain-rollback]").TextContent);
    }

    [Fact]
    public void TopQueries_ClickUtilityStatement_SaysEXPLAINCannotRunIt()
    {
        var cut = RenderPanel(TargetOf(Of(statements: [Statement("COPY orders FROM STDIN", 900, id: 7), Statement("SELECT 1", 0.1, id: 8)])));

        cut.FindAll("[data-testid=db-queries-total] [data-testid=db-query-row]").First(r => r.GetAttribute("data-queryid") == "7").Click();

        Assert.Contains("EXPLAIN cannot run this statement", cut.Find("[data-testid=explain-none]").TextContent);
        // A slow utility statement is not a slow query to optimise.
        Assert.Contains("Top queries: none slow", Title(cut, "db-top-queries"));
    }

    [Fact]
    public void TopQueries_MissingExtension_NamedOnThatCardOthersStillShown()
    {
        var missing = PostgresPanel.Failed<TopQueriesPanel>(PanelProblemKind.MissingExtension, "pg_stat_statements is not installed in database \"shop\".");

        var cut = RenderPanel(TargetOf(Of(topQueries: missing)));

        var card = cut.Find("[data-testid=db-top-queries]");
        Assert.Contains("Extension missing:", card.TextContent);
        Assert.Contains("pg_stat_statements is not installed", card.TextContent);
        Assert.Empty(card.QuerySelectorAll("[data-testid=db-query-row]"));
        Assert.Contains("Connections: 14 %", Title(cut, "db-connections"));
    }

    [Fact]
    public void Tables_Over100MRows_PartitioningCandidateButNotWhenAlreadyAPartition()
    {
        var snapshot = Of(tables: [Table("events", 150_000_000), Table("measurements_2026_11", 180_000_000, partitionOf: "public.measurements"), Table("users", 90_000)], partitioned: 1);

        var cut = RenderPanel(TargetOf(snapshot));

        var rows = cut.FindAll("[data-testid=db-table-row]").ToDictionary(r => r.GetAttribute("data-table")!);
        Assert.Equal("true", rows["public.events"].GetAttribute("data-candidate"));
        Assert.Contains("Partitioning candidate", rows["public.events"].TextContent);
        Assert.Equal("false", rows["public.measurements_2026_11"].GetAttribute("data-candidate"));
        Assert.Contains("partition of public.measurements", rows["public.measurements_2026_11"].TextContent);
        Assert.Equal("false", rows["public.users"].GetAttribute("data-candidate"));
        Assert.Contains("Largest tables: 1 partitioning candidate (over 100M rows)", Title(cut, "db-tables"));
    }

    [Fact]
    public void Tables_NoEarlierSize_GrowthSaysUnknownNotZero()
    {
        var cut = RenderPanel(TargetOf(Of()));

        Assert.Contains("unknown (no earlier size stored yet)", cut.Find("[data-testid=db-table-growth]").TextContent);
    }

    [Fact]
    public void Xid_PastFreezeMaxAge_WarningWithServerLevels()
    {
        var cut = RenderPanel(TargetOf(Of(xidAge: 250_000_000)));

        var row = cut.FindAll("[data-testid=db-xid-row]").Single(r => r.GetAttribute("data-database") == "shop");
        Assert.Equal("250000000", row.GetAttribute("data-age"));
        Assert.Contains("Warning", row.TextContent);
        Assert.Contains("Warning above 200M", cut.Find("[data-testid=db-xid]").TextContent);
    }

    [Fact]
    public void Stale_SourceFailing_StaleSinceWithErrorAndLastKnownFiguresMarked()
    {
        var status = new SourceStatusRow { Source = "postgres:shop", StaleSince = Now.AddMinutes(-12), LastError = "PostgreSQL shop: connection refused", LastSuccessAt = Now.AddMinutes(-12) };

        var cut = RenderPanel(TargetOf(Of(takenAt: Now.AddMinutes(-12)), status));

        var alert = cut.Find("[data-testid=db-stale]").TextContent;
        Assert.Contains("Stale since", alert);
        Assert.Contains("12 min ago", alert);
        Assert.Contains("connection refused", alert);
        Assert.Contains("last known values", alert);
        Assert.NotNull(cut.Find(".db-stale-figures [data-testid=db-connections]"));
    }

    [Fact]
    public void Stale_NoSnapshotForTooLong_StaleEvenWithoutAFailure()
    {
        var status = new SourceStatusRow { Source = "postgres:shop", LastSuccessAt = Now.AddMinutes(-20) };

        var cut = RenderPanel(TargetOf(Of(takenAt: Now.AddMinutes(-20)), status));

        Assert.Contains("is a worker running the ingest-postgres job?", cut.Find("[data-testid=db-stale]").TextContent);
    }

    [Fact]
    public void Stale_NeverCollected_ErrorShownNoCardsNoZeros()
    {
        var status = new SourceStatusRow { Source = "postgres:shop", StaleSince = Now.AddMinutes(-3), LastError = "PostgreSQL shop: password authentication failed" };

        var cut = RenderPanel(TargetOf(null, status));

        Assert.Contains("password authentication failed", cut.Find("[data-testid=db-stale]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=db-connections]"));
        Assert.DoesNotContain(" 0 %", cut.Markup);
    }

    [Fact]
    public void NoData_NoSnapshotYet_ExplainsWhatToConfigure()
    {
        var cut = RenderPanel(TargetOf(null));

        var empty = cut.Find("[data-testid=db-no-data]").TextContent;
        Assert.Contains("No statistics for shop yet", empty);
        Assert.Contains("ingest-postgres", empty);
        Assert.Contains("Settings", empty);
        Assert.Empty(cut.FindAll("[data-testid=db-card-title]"));
    }

    private static string Title(IRenderedComponent<DatabaseHealthPanel> cut, string card) =>
        cut.Find($"[data-testid={card}] [data-testid=db-card-title]").TextContent;
}
