using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Jobs.Security;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Services.Users;

/// <summary>
/// The people who use the dashboard, for owners (issue 17, item 3): who they are, their role, how they sign in
/// (password or single sign-on), and "disable user": a disabled user is refused at sign-in (password or provider)
/// and their open sessions end at the next session check (the security stamp is renewed). Audited.
/// </summary>
public sealed class UserAdminService(UserManager<DashboardUser> users, IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var views = new List<UserView>(all.Count);
        foreach (var user in all)
        {
            views.Add(await ViewAsync(user));
        }
        return views;
    }

    /// <summary>Disables or enables a user; an owner cannot disable themselves (nobody could undo it from here).</summary>
    public async Task<UserChange> SetDisabledAsync(ClaimsPrincipal actor, string id, bool disabled, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(Roles.Owner))
        {
            return UserChange.Forbidden;
        }
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return new UserChange(null, $"No user with id '{id}'.", NotFound: true);
        }
        if (disabled && string.Equals(user.UserName, actor.Identity?.Name, StringComparison.OrdinalIgnoreCase))
        {
            return new UserChange(null, "You cannot disable your own account: ask another owner.");
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null);
        // A renewed stamp ends every open session of this user at its next check (Auth:SessionCheckInterval).
        await users.UpdateSecurityStampAsync(user);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.AuditLog.Add(new AuditEntryRow
            {
                At = time.GetUtcNow(),
                Actor = actor.Identity?.Name ?? "unknown",
                Action = disabled ? "user.disable" : "user.enable",
                Subject = user.Email ?? user.Id,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        return new UserChange(await ViewAsync(user), null);
    }

    private async Task<UserView> ViewAsync(DashboardUser user)
    {
        var logins = await users.GetLoginsAsync(user);
        return new UserView(
            user.Id,
            user.Email ?? user.UserName ?? "",
            user.DisplayName,
            [.. await users.GetRolesAsync(user)],
            logins.Any(l => l.LoginProvider == SsoSignIn.Provider) ? "single sign-on" : "password",
            user.LockoutEnd is { } end && end > time.GetUtcNow());
    }
}

/// <summary>A user as owners see them.</summary>
/// <param name="Id">The user's id (for disable / enable).</param>
/// <param name="Email">Their email, which is also their sign-in name.</param>
/// <param name="Name">Their display name.</param>
/// <param name="Roles">Their roles (one for a single sign-on user: the highest their groups give).</param>
/// <param name="SignsInWith">"password" or "single sign-on".</param>
/// <param name="Disabled">Refused at sign-in.</param>
public sealed record UserView(string Id, string Email, string Name, IReadOnlyList<string> Roles, string SignsInWith, bool Disabled);

/// <summary>The outcome of disabling or enabling a user.</summary>
public sealed record UserChange(UserView? User, string? Problem, bool NotFound = false, bool IsForbidden = false)
{
    public static readonly UserChange Forbidden = new(null, "Only owners manage users.", IsForbidden: true);
}
