using System.Security.Claims;
using Dashboard.Jobs.Security;

namespace Dashboard.Services.Config;

/// <summary>
/// Who imports a document (named in the audit) and what they may change: owners everything; engineers the
/// resources and the sources, the business profile and SLO only as they are (an export re-imported unchanged), and
/// never revenue figures; the start-up file, which the operator controls, everything.
/// </summary>
public sealed record ConfigActor(string Name, bool MayChangeBusiness, bool MaySetRevenue)
{
    public static ConfigActor Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var owner = user.IsInRole(Roles.Owner);
        return new ConfigActor(user.Identity?.Name ?? "unknown", owner, Roles.MaySeeRevenue(user));
    }

    public static ConfigActor StartupFile(string path) => new($"config file {Path.GetFileName(path)}", true, true);
}
