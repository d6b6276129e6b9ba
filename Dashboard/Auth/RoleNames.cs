using System.Security.Claims;

namespace Dashboard.Auth;

/// <summary>A user's roles as people read them, in one place: "owner, engineer", or "none".</summary>
public static class RoleNames
{
    public static string Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var roles = string.Join(", ", user.FindAll(ClaimTypes.Role).Select(c => c.Value));
        return roles.Length == 0 ? "none" : roles;
    }
}
