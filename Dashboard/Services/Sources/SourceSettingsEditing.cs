namespace Dashboard.Services.Sources;

/// <summary>The editor's view of the service and the tester.</summary>
internal sealed class SourceSettingsEditing(SourceSettingsService settings, SourceConnectionTester tester) : ISourceSettingsEditing
{
    public Task<SourceSettingsView> GetAsync(CancellationToken cancellationToken) => settings.GetAsync(cancellationToken);

    public IReadOnlyDictionary<string, string[]> Validate(SourceSettingsInput input) => settings.Validate(input);

    public Task<SourceSettingsSaveResult> SaveAsync(System.Security.Claims.ClaimsPrincipal user, SourceSettingsInput input, CancellationToken cancellationToken) =>
        settings.SaveAsync(user, input, cancellationToken);

    public Task<SourceTestResult> TestAsync(SourceKind kind, object values, CancellationToken cancellationToken) => values switch
    {
        PrometheusSourceInput p => tester.TestAsync(p, cancellationToken),
        AlertmanagerSourceInput a => tester.TestAsync(a, cancellationToken),
        ScrapeTargetInput s => tester.TestAsync(s, cancellationToken),
        PostgresTargetInput p => tester.TestAsync(p, cancellationToken),
        _ => Task.FromResult(SourceTestResult.Failed($"No values of a {kind} source were given.")),
    };
}
