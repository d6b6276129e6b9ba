using Microsoft.AspNetCore.Identity;

namespace Dashboard.Jobs.Storage.Entities;

/// <summary>A person who signs in to the dashboard. Roles come from Identity's role tables.</summary>
public sealed class DashboardUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
