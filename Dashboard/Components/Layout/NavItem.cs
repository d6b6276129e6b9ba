using Dashboard.Auth;
using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>One entry of the left navigation, with the policy its page enforces.</summary>
public sealed record NavItem(string Title, string Href, string Icon, string Policy)
{
    public static readonly IReadOnlyList<NavItem> All =
    [
        new("Overview", "/", Icons.Material.Filled.Speed, Policies.Overview),
        new("Owner", "/owner", Icons.Material.Filled.AttachMoney, Policies.Owner),
        new("Engineer", "/engineer", Icons.Material.Filled.Engineering, Policies.Engineer),
        new("PM", "/pm", Icons.Material.Filled.Timeline, Policies.Pm),
        new("Designer", "/designer", Icons.Material.Filled.Palette, Policies.Designer),
        new("Checklist", "/checklist", Icons.Material.Filled.Checklist, Policies.Checklist),
        new("Settings", "/settings", Icons.Material.Filled.Settings, Policies.Settings),
    ];

    /// <summary>Whether a user's roles satisfy this entry's policy (the same rule the server applies).</summary>
    public bool IsAllowedFor(System.Security.Claims.ClaimsPrincipal user) =>
        Policies.RolesByPolicy[Policy].Any(user.IsInRole);
}
