using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Health;

/// <summary>One dependency's latest state as the UI shows it.</summary>
public sealed record DependencyState(string Name, HealthStatus Status, string Description, DateTimeOffset CheckedAt);

/// <summary>
/// The latest health report, pushed here by the health-check publisher every few seconds.
/// The app bar's degraded banner subscribes; components never run checks themselves.
/// </summary>
public sealed class DependencyStatus : IHealthCheckPublisher
{
    private readonly TimeProvider time;
    private volatile IReadOnlyList<DependencyState> current = [];

    public DependencyStatus(TimeProvider time) => this.time = time;

    public event Action? Changed;

    public IReadOnlyList<DependencyState> Current => current;

    public IEnumerable<DependencyState> Degraded => current.Where(d => d.Status != HealthStatus.Healthy);

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var next = report.Entries
            .Select(e => new DependencyState(e.Key, e.Value.Status, e.Value.Description ?? e.Value.Exception?.Message ?? "", now))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
        var changed = next.Count != current.Count ||
            next.Zip(current).Any(p => p.First.Status != p.Second.Status || p.First.Description != p.Second.Description);
        current = next;
        if (changed)
        {
            Changed?.Invoke();
        }
        return Task.CompletedTask;
    }
}
