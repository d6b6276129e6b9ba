using System.Security.Cryptography;
using System.Text.Json;
using Dashboard.Hosting;
using Dashboard.Jobs.Security;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// Creates the roles; in demo mode one user per role with an API token each, written to
/// demo-credentials.json (never to the log); in production only the bootstrap owner, and only
/// while no user exists.
/// </summary>
internal sealed class UserSeeder(
    UserManager<DashboardUser> users,
    RoleManager<IdentityRole> roles,
    ApiTokenService tokens,
    IOptions<DashboardOptions> dashboard,
    IOptions<AuthOptions> auth,
    IConfiguration configuration,
    IDbContextFactory<DashboardDbContext> contexts,
    TimeProvider time,
    ILogger<UserSeeder> logger)
{
    public const string DemoDomain = "demo.local";

    public sealed record DemoCredential(string Role, string Email, string Password, string Token);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.People)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if (dashboard.Value.DemoMode)
        {
            await SeedDemoUsersAsync(cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await DemoProfileSeeder.SeedAsync(db, time.GetUtcNow(), cancellationToken);
        }
        else
        {
            await SeedBootstrapOwnerAsync();
        }
    }

    private async Task SeedBootstrapOwnerAsync()
    {
        var options = auth.Value;
        if (string.IsNullOrEmpty(options.BootstrapAdminEmail) || users.Users.Any())
        {
            return;
        }
        if (AuthOptions.IsWeakPassword(options.BootstrapAdminPassword))
        {
            throw new InvalidOperationException(
                "Refusing to create the bootstrap owner with a default or weak Auth:BootstrapAdminPassword. Set a real secret (12+ characters).");
        }
        var user = new DashboardUser { UserName = options.BootstrapAdminEmail, Email = options.BootstrapAdminEmail, DisplayName = "Owner", EmailConfirmed = true };
        Check(await users.CreateAsync(user, options.BootstrapAdminPassword), "create the bootstrap owner");
        Check(await users.AddToRoleAsync(user, Roles.Owner), "grant the owner role");
        logger.LogInformation("Created the bootstrap owner {Email}", options.BootstrapAdminEmail);
    }

    private async Task SeedDemoUsersAsync(CancellationToken cancellationToken)
    {
        var path = DemoCredentialsPath();
        var previous = ReadPrevious(path);
        var result = new List<DemoCredential>();
        foreach (var role in Roles.People)
        {
            var email = $"{role}@{DemoDomain}";
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new DashboardUser { UserName = email, Email = email, DisplayName = $"Demo {role}", EmailConfirmed = true };
                Check(await users.CreateAsync(user), $"create demo user {email}");
            }
            if (!await users.IsInRoleAsync(user, role))
            {
                Check(await users.AddToRoleAsync(user, role), $"grant {role} to {email}");
            }

            // Keep the sign-ins a developer already has, as long as they still work.
            var old = previous.FirstOrDefault(p => p.Email == email);
            var password = old is not null && await users.CheckPasswordAsync(user, old.Password) ? old.Password : null;
            if (password is null)
            {
                password = $"Demo-{role}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
                if (await users.HasPasswordAsync(user))
                {
                    Check(await users.RemovePasswordAsync(user), $"reset the password of {email}");
                }
                Check(await users.AddPasswordAsync(user, password), $"set the password of {email}");
            }
            var token = old is not null && await tokens.IsValidAsync(user.Id, old.Token, cancellationToken)
                ? old.Token
                : await tokens.CreateAsync(user.Id, "demo", cancellationToken);
            result.Add(new DemoCredential(role, email, password, token));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, JsonOptions), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        logger.LogInformation("Demo mode: one user per role; sign-ins and API tokens written to {Path}", path);
    }

    private string DemoCredentialsPath()
    {
        if (!string.IsNullOrWhiteSpace(dashboard.Value.DemoCredentialsPath))
        {
            return dashboard.Value.DemoCredentialsPath;
        }
        var stateDir = configuration["Stack:StateDir"];
        return Path.Combine(string.IsNullOrWhiteSpace(stateDir) ? AppContext.BaseDirectory : stateDir, "demo-credentials.json");
    }

    private static List<DemoCredential> ReadPrevious(string path)
    {
        try
        {
            return File.Exists(path)
                ? JsonSerializer.Deserialize<List<DemoCredential>>(File.ReadAllText(path), JsonOptions) ?? []
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
