namespace Dashboard.Domain.Health;

/// <summary>
/// Which alerts an engineer sees, in which order:
/// <list type="number">
/// <item>inactive alerts are not shown, and resolved ones only for <see cref="ResolvedVisibleFor"/>;</item>
/// <item>an alert is hidden while a more severe alert of the same series fires (Alertmanager's usual
///   inhibition: a firing critical says everything the warning would);</item>
/// <item>open alerts come first, then silenced open ones, then resolved ones;</item>
/// <item>open alerts by severity (critical first), firing before pending, then by age (the longest-running
///   first: it has cost the most); resolved ones most recent first.</item>
/// </list>
/// </summary>
public static class AlertTriage
{
    /// <summary>How long a resolved alert stays on the list (greyed), so a flapping or just-fixed problem is still visible.</summary>
    public static readonly TimeSpan ResolvedVisibleFor = TimeSpan.FromHours(24);

    /// <summary>The alerts to show, in triage order.</summary>
    /// <typeparam name="T">The caller's alert type.</typeparam>
    /// <param name="alerts">Every known alert.</param>
    /// <param name="describe">What triage needs to know about one alert.</param>
    /// <param name="now">The present, for the resolved window.</param>
    public static IReadOnlyList<T> Arrange<T>(IEnumerable<T> alerts, Func<T, TriageEntry> describe, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(describe);
        var entries = alerts.Select(a => (Alert: a, Entry: describe(a))).ToList();
        var worstFiring = entries
            .Where(e => e.Entry.State == AlertState.Firing)
            .GroupBy(e => e.Entry.Series, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(e => e.Entry.Severity), StringComparer.Ordinal);

        return entries
            .Where(e => IsVisible(e.Entry, now))
            .Where(e => !(worstFiring.TryGetValue(e.Entry.Series, out var worst) && worst > e.Entry.Severity))
            .OrderBy(e => Group(e.Entry))
            .ThenByDescending(e => e.Entry.IsOpen ? e.Entry.Severity : default)
            .ThenBy(e => e.Entry.State == AlertState.Firing ? 0 : 1)
            .ThenBy(e => e.Entry.IsOpen ? e.Entry.Since ?? now : default)
            .ThenByDescending(e => e.Entry.IsOpen ? default : e.Entry.ResolvedAt)
            .ThenBy(e => e.Entry.Series, StringComparer.Ordinal)
            .Select(e => e.Alert)
            .ToList();
    }

    private static bool IsVisible(TriageEntry entry, DateTimeOffset now) => entry.State switch
    {
        AlertState.Pending or AlertState.Firing => true,
        AlertState.Resolved => entry.ResolvedAt is { } at && now - at <= ResolvedVisibleFor,
        _ => false,
    };

    private static int Group(TriageEntry entry) => entry switch
    {
        { IsOpen: true, IsSilenced: false } => 0,
        { IsOpen: true } => 1,
        _ => 2,
    };
}
