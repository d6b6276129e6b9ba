using System.Security.Claims;
using Bunit;
using Dashboard.Components.Settings;
using Dashboard.Services.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>The sources editor: secrets shown as set / not set (never a value), replace and clear, pinned fields, errors by field.</summary>
public sealed class SourcesEditorTests : MudBunitContext
{
    private readonly FakeSources sources = new();

    public SourcesEditorTests()
    {
        Services.AddSingleton<ISourceSettingsEditing>(sources);
        Services.AddSingleton(TimeProvider.System);
    }

    private IRenderedComponent<SourcesEditor> RenderEditor() =>
        Render<SourcesEditor>(p => p.Add(c => c.User, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "engineer")], "test"))));

    [Fact]
    public void Render_SecretsSayWhetherTheyAreSet_AndNoValueReachesTheMarkup()
    {
        var cut = RenderEditor();

        Assert.Equal("set", cut.Find("[data-testid=secret-prometheus-token]").GetAttribute("data-secret-state"));
        Assert.Equal("not set", cut.Find("[data-testid=secret-prometheus-password]").GetAttribute("data-secret-state"));
        Assert.Equal("set", cut.Find("[data-testid=secret-alertmanager-token]").GetAttribute("data-secret-state"));
        Assert.Equal("set", cut.Find("[data-testid=postgres-target][data-name=orders] [data-secret-state]").GetAttribute("data-secret-state"));
        Assert.All(cut.FindAll("input[type=password]"), i => Assert.True(string.IsNullOrEmpty(i.GetAttribute("value"))));
        Assert.Contains("Host=db;Database=orders;Username=monitor", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TypingASecret_SaysItWillBeReplaced_AndSendsIt_BlankSendsNothing()
    {
        var cut = RenderEditor();
        Assert.Null(sources.LastValidated!.Prometheus!.BearerToken);

        cut.Find("[data-testid=secret-prometheus-token] input").Input("new-token");

        Assert.Equal("will be replaced", cut.Find("[data-testid=secret-prometheus-token]").GetAttribute("data-secret-state"));
        Assert.Equal(new SecretInput("new-token"), sources.LastValidated!.Prometheus!.BearerToken);
    }

    [Fact]
    public void Clear_SaysItWillBeRemoved_SendsClear_AndKeepUndoesIt()
    {
        var cut = RenderEditor();

        cut.Find("[data-testid=secret-alertmanager-token] [data-testid=secret-clear]").Click();

        Assert.Equal("will be removed", cut.Find("[data-testid=secret-alertmanager-token]").GetAttribute("data-secret-state"));
        Assert.Equal(new SecretInput(Clear: true), sources.LastValidated!.Alertmanager!.BearerToken);

        cut.Find("[data-testid=secret-alertmanager-token] [data-testid=secret-clear]").Click();

        Assert.Equal("set", cut.Find("[data-testid=secret-alertmanager-token]").GetAttribute("data-secret-state"));
        Assert.Null(sources.LastValidated!.Alertmanager!.BearerToken);
    }

    [Fact]
    public void NotSetSecret_OffersNoClear_PinnedFieldIsReadOnlyAndNamesTheVariable()
    {
        var cut = RenderEditor();

        Assert.Empty(cut.FindAll("[data-testid=secret-prometheus-password] [data-testid=secret-clear]"));
        Assert.False(cut.Find("[data-testid=secret-alertmanager-token] input").HasAttribute("disabled"));
        Assert.Contains("Set by the environment variable Prometheus__Timeout; change it there.", cut.Markup, StringComparison.Ordinal);
        Assert.True(cut.Find("input[aria-label='Prometheus timeout in seconds'], [aria-label='Prometheus timeout in seconds'] input").HasAttribute("disabled"));
    }

    [Fact]
    public void BadValue_ShowsTheRuleUnderTheField()
    {
        sources.Errors["Prometheus:Url"] = ["Prometheus:Url must be an absolute http(s) URL (got 'nope')."];

        var cut = RenderEditor();

        Assert.Contains("Prometheus:Url must be an absolute http(s) URL (got 'nope').", cut.Markup, StringComparison.Ordinal);
    }

    private sealed class FakeSources : ISourceSettingsEditing
    {
        public Dictionary<string, string[]> Errors { get; } = [];

        public SourceSettingsInput? LastValidated { get; private set; }

        public Task<SourceSettingsView> GetAsync(CancellationToken cancellationToken) => Task.FromResult(new SourceSettingsView
        {
            Prometheus = new PrometheusSourceView("http://prometheus:9090", 10, 2, "", SecretState.NotSet, SecretState.Set),
            Alertmanager = new AlertmanagerSourceView("http://alertmanager:9093", 10, SecretState.Set),
            ScrapeTargets = [],
            Postgres = [new PostgresTargetView("orders", "Host=db;Database=orders;Username=monitor", SecretState.Set, SettingOrigin.Settings)],
            Origins = new Dictionary<string, string> { ["Prometheus:Url"] = SettingOrigin.Settings, ["Prometheus:Timeout"] = SettingOrigin.Pinned },
            PinnedBy = new Dictionary<string, string> { ["Prometheus:Timeout"] = "the environment variable Prometheus__Timeout" },
            Problems = [],
        });

        public IReadOnlyDictionary<string, string[]> Validate(SourceSettingsInput input)
        {
            LastValidated = input;
            return Errors;
        }

        public Task<SourceSettingsSaveResult> SaveAsync(ClaimsPrincipal user, SourceSettingsInput input, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not saved in these tests");

        public Task<SourceTestResult> TestAsync(SourceKind kind, object values, CancellationToken cancellationToken) =>
            Task.FromResult(SourceTestResult.Failed("not tested here"));
    }
}
