using Dashboard.Components.Layout;

namespace Dashboard.Auth;

/// <summary>
/// What a refused address is and which roles may open it, in words for the person refused: "the Settings view is for
/// owner and engineer". Revenue is mentioned only where the refused thing holds revenue figures.
/// </summary>
public sealed record AccessExplanation(string What, IReadOnlyList<string> Roles, bool HoldsRevenue)
{
    /// <summary>The explanation for <paramref name="path"/> (a local path, query allowed); a generic one for anything unknown.</summary>
    public static AccessExplanation For(string? path)
    {
        var local = (path ?? "").Split('?', '#')[0];
        if (!local.StartsWith('/') || local.StartsWith("//", StringComparison.Ordinal))
        {
            local = "/";
        }

        if (Under(local, "/hangfire"))
        {
            return new("the jobs dashboard (Hangfire)", Policies.RolesByPolicy[Policies.Operations], false);
        }

        foreach (var item in NavItem.All.Where(i => i.Href != "/"))
        {
            if (Under(local, item.Href))
            {
                return new($"the {item.Title} view", Policies.RolesByPolicy[item.Policy], item.Policy == Policies.Owner);
            }
        }

        return new("that page", [], false);
    }

    /// <summary>"It is for owner and engineer." or nothing when the roles are not known.</summary>
    public string ForWhom => Roles.Count switch
    {
        0 => "",
        1 => $"It is for the {Roles[0]} role.",
        _ => $"It is for the {string.Join(", ", Roles.Take(Roles.Count - 1))} and {Roles[^1]} roles.",
    };

    private static bool Under(string path, string prefix) =>
        path.Equals(prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);
}
