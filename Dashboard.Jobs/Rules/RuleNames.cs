using System.Text;

namespace Dashboard.Jobs.Rules;

/// <summary>
/// The names the generated rules use (docs/decisions/022-prometheus-rules.md): recorded series as
/// <c>level:metric:operations</c> under the <c>dashboard</c> prefix, alerts in CamelCase.
/// </summary>
public static class RuleNames
{
    /// <summary>The alert every burn-rate tier raises; its labels tell the tiers apart.</summary>
    public const string ErrorBudgetBurn = "DashboardErrorBudgetBurn";

    /// <summary>The <c>slo</c> label of the burn-rate alerts.</summary>
    public const string AvailabilitySlo = "availability";

    /// <summary>The SLI's error ratio over <paramref name="window"/>, e.g. <c>dashboard:slo_errors:ratio_rate1h</c>.</summary>
    public static string SloErrorRatio(TimeSpan window) => $"dashboard:slo_errors:ratio_rate{PromFormat.Duration(window)}";

    /// <summary>A resource's measured figure, e.g. <c>dashboard:resource:db_connections</c>.</summary>
    public static string Resource(string id) => $"dashboard:resource:{CheckedId(id)}";

    /// <summary>
    /// A resource's alert, CamelCase from its id with where the trouble lies: <c>db_connections</c> gives
    /// <c>DashboardDbConnectionsHigh</c>, <c>signup_success</c> <c>DashboardSignupSuccessLow</c>. Warning and
    /// critical share the name and differ in <c>severity</c>, so Alertmanager can let a critical inhibit its warning.
    /// </summary>
    public static string ResourceAlert(string id, bool aboveIsBad)
    {
        var name = new StringBuilder("Dashboard");
        foreach (var part in CheckedId(id).Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            name.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }
        return name.Append(aboveIsBad ? "High" : "Low").ToString();
    }

    /// <summary>A resource id as ResourceSpec defines it: lower case letters, digits and underscores, starting with a letter.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id[0] is >= 'a' and <= 'z' && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    private static string CheckedId(string id) =>
        IsValidId(id) ? id : throw new ArgumentException($"Resource id '{id}' is not lower case letters, digits and underscores starting with a letter.", nameof(id));
}
