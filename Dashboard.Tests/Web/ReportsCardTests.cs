using System.Security.Claims;
using Bunit;
using Dashboard.Components.Reports;
using Dashboard.Services.Reports;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Web;

/// <summary>The Reports card in each state: none yet, running with progress, failed with the error, done with a link.</summary>
public sealed class ReportsCardTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly FakeReports reports = new();

    public ReportsCardTests()
    {
        Services.AddSingleton<IReportService>(reports);
        Services.AddSingleton(TimeProvider.System);
        Services.AddOptions();
        Services.AddSingleton<Dashboard.Auth.WorkLimits>();
    }

    private IRenderedComponent<ReportsCard> RenderCard(string role = "owner", string audience = "owner")
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role}@demo.local"), new Claim(ClaimTypes.Role, role)], "test"));
        return Render<ReportsCard>(p => p
            .Add(c => c.Audience, audience)
            .AddCascadingValue(Task.FromResult(new AuthenticationState(user))));
    }

    private static ReportView Report(string state, int progress = 0, string? step = null, string? error = null, long? size = null, string audience = "owner") =>
        new(Guid.NewGuid(), audience, "owner@demo.local", Now.AddMinutes(-2), Now.AddMinutes(-2), state is "Succeeded" or "Failed" ? Now.AddMinutes(-1) : null,
            state, progress, step, error, size);

    [Fact]
    public void Render_NoReports_EmptyStateAndGenerateEnabled()
    {
        var cut = RenderCard();

        Assert.Contains("No capacity report yet", cut.Find("[data-testid=reports-title]").TextContent);
        Assert.Contains("No Owner report has been generated yet", cut.Find("[data-testid=reports-empty]").TextContent);
        Assert.False(cut.Find("[data-testid=reports-generate]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=reports-progress]"));
        Assert.Empty(cut.FindAll("[data-testid=reports-download]"));
    }

    [Fact]
    public void Render_Running_ProgressBarWithStepAndGenerateDisabled()
    {
        reports.Stored.Add(Report("Running", 45, "Drawing forecast chart 1 of 3"));
        reports.OnGet = id => reports.Stored.Single(r => r.Id == id);

        var cut = RenderCard();

        var progress = cut.Find("[data-testid=reports-progress]");
        Assert.Contains("Drawing forecast chart 1 of 3… 45 %", progress.TextContent);
        Assert.Equal("45", progress.QuerySelector("[role=progressbar]")?.GetAttribute("aria-valuenow"));
        Assert.Contains("45 %", cut.Find("[data-testid=reports-title]").TextContent);
        Assert.True(cut.Find("[data-testid=reports-generate]").HasAttribute("disabled"));
        Assert.Contains("building, 45 %", cut.Find("[data-testid=reports-row]").TextContent);
    }

    [Fact]
    public void Render_Failed_ErrorTextShownAndNoDownload()
    {
        reports.Stored.Add(Report("Failed", 55, error: "replica unreachable: connection refused"));

        var cut = RenderCard();

        Assert.Contains("The last capacity report failed", cut.Find("[data-testid=reports-title]").TextContent);
        Assert.Contains("replica unreachable: connection refused", cut.Find("[data-testid=reports-failed]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=reports-download]"));
        Assert.False(cut.Find("[data-testid=reports-generate]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_Done_DownloadLinkToTheDocumentWithItsSize()
    {
        var done = Report("Succeeded", 100, "Done", size: 86_000);
        reports.Stored.Add(done);

        var cut = RenderCard();

        var link = cut.Find("a[data-testid=reports-download]");
        Assert.Equal($"/api/v1/reports/{done.Id}/download", link.GetAttribute("href"));
        Assert.Equal(done.FileName, link.GetAttribute("download"));
        Assert.Contains("84 KB", link.TextContent);
        Assert.Contains("Capacity report ready", cut.Find("[data-testid=reports-title]").TextContent);
    }

    [Fact]
    public void Generate_JobFinishes_LinkAppearsAndSnackbarSaysReady()
    {
        var cut = RenderCard();
        var queued = Report("Queued");
        var done = queued with { State = "Succeeded", Progress = 100, Step = "Done", SizeBytes = 2048, FinishedAt = Now };
        reports.OnRequest = () => queued;
        reports.OnGet = _ =>
        {
            reports.Stored.Clear();
            reports.Stored.Add(done);
            return done;
        };

        cut.Find("[data-testid=reports-generate]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("a[data-testid=reports-download]")), TimeSpan.FromSeconds(10));
        Assert.Equal(("owner@demo.local", ReportAudience.Owner), reports.LastRequest);
        var snackbar = Services.GetRequiredService<ISnackbar>();
        Assert.Contains(snackbar.ShownSnackbars, s => s.Message?.Contains("ready to download", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Render_PmOnOwnerCard_NoPermissionAndNoButton()
    {
        var cut = RenderCard(role: "pm", audience: "owner");

        Assert.Contains("owners only", cut.Find("[data-testid=reports-no-permission]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=reports-generate]"));
        Assert.Equal(0, reports.ListCalls);
    }

    [Fact]
    public void Generate_JobBudgetSpent_SaysWhenToRetryAndRequestsNothing()
    {
        var cut = RenderCard();
        var limits = Services.GetRequiredService<Dashboard.Auth.WorkLimits>();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "owner@demo.local"), new Claim(ClaimTypes.Role, "owner")], "test"));
        // The API and the card share the user's budget (3 a minute by default): spend it elsewhere.
        while (limits.TryTake(Dashboard.Auth.WorkKind.Jobs, user) is null)
        {
        }

        cut.Find("[data-testid=reports-generate]").Click();

        Assert.Contains("Too many requests of this kind from your account; try again in", cut.Find("[data-testid=reports-request-error]").TextContent);
        Assert.Null(reports.LastRequest);
    }

    private sealed class FakeReports : IReportService
    {
        public List<ReportView> Stored { get; } = [];
        public Func<ReportView>? OnRequest { get; set; }
        public Func<Guid, ReportView?>? OnGet { get; set; }
        public (string?, ReportAudience)? LastRequest { get; private set; }
        public int ListCalls { get; private set; }

        public Task<ReportView> RequestAsync(ClaimsPrincipal user, ReportAudience audience, CancellationToken cancellationToken)
        {
            LastRequest = (user.Identity?.Name, audience);
            var queued = OnRequest!();
            Stored.Insert(0, queued);
            return Task.FromResult(queued);
        }

        public Task<ReportView?> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken) =>
            Task.FromResult(OnGet?.Invoke(id));

        public Task<IReadOnlyList<ReportView>> ListAsync(ClaimsPrincipal user, ReportAudience? audience, int take, CancellationToken cancellationToken)
        {
            ListCalls++;
            return Task.FromResult<IReadOnlyList<ReportView>>([.. Stored.Take(take)]);
        }

        public Task<ReportFile?> DownloadAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken) =>
            Task.FromResult<ReportFile?>(null);
    }
}
