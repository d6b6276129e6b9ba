using Dashboard.Health;

namespace Dashboard.Api.Responses;

/// <summary>One of the dashboard's own stores in <c>GET /api/v1/dependencies</c>, its health as a word ("Healthy", "Degraded", "Unhealthy").</summary>
public sealed record DependencyView(string Name, string Status, string Description, DateTimeOffset CheckedAt)
{
    public static DependencyView Of(DependencyState state) =>
        new(state.Name, state.Status.ToString(), state.Description, state.CheckedAt);
}
