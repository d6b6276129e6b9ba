using System.Security.Claims;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Security;

namespace Dashboard.Live;

/// <summary>
/// Which gauges a role receives. Designers get what users feel (availability, latency, errors,
/// signup and payment success); owners, engineers and PMs get every gauge. Applied to hub
/// groups, the status API and the pages alike.
/// </summary>
public static class GaugeVisibility
{
    public const string FullGroup = "gauges:full";
    public const string DesignerGroup = "gauges:designer";

    private static readonly HashSet<string> DesignerCategories = new(StringComparer.Ordinal) { "Availability", "Latency", "Errors", "Business" };

    public static bool SeesAll(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Owner) || user.IsInRole(Roles.Engineer) || user.IsInRole(Roles.Pm);

    /// <summary>Whether the user may see figures of a category (a resource's category decides who sees it).</summary>
    public static bool MaySee(ClaimsPrincipal user, string category) =>
        SeesAll(user) || (user.IsInRole(Roles.Designer) && DesignerCategories.Contains(category));

    public static string GroupFor(ClaimsPrincipal user) => SeesAll(user) ? FullGroup : DesignerGroup;

    public static GaugeBatch ForDesigner(GaugeBatch batch) =>
        batch with { Gauges = [.. batch.Gauges.Where(g => DesignerCategories.Contains(g.Category))] };

    public static GaugeBatch For(ClaimsPrincipal user, GaugeBatch batch) => SeesAll(user) ? batch : ForDesigner(batch);
}
