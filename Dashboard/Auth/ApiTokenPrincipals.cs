using System.Collections.Concurrent;
using System.Security.Claims;

namespace Dashboard.Auth;

/// <summary>
/// The signed-in principal of an API token's user, built once (user, lockout, roles and claims
/// from Identity: several queries) and shared by every request and hub connection of that user
/// while it is fresh, as long as <see cref="ApiTokenService"/> remembers a token (30 s). 10,000
/// wall screens on one token then cost one build, not 10,000, and hold one principal between
/// them. A refusal (unknown or locked-out user) is never remembered (docs/decisions/031).
/// </summary>
public sealed class ApiTokenPrincipals(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTimeOffset BuiltAt)> built = new(StringComparer.Ordinal);

    /// <summary>The user's principal, built by <paramref name="build"/> when none is fresh; null when the build refuses.</summary>
    public async Task<ClaimsPrincipal?> GetAsync(string userId, Func<string, Task<ClaimsPrincipal?>> build)
    {
        var now = time.GetUtcNow();
        if (built.TryGetValue(userId, out var remembered) && now - remembered.BuiltAt < ApiTokenService.Fresh)
        {
            return remembered.Principal;
        }
        var principal = await build(userId);
        if (principal is null)
        {
            built.TryRemove(userId, out _);
            return null;
        }
        built[userId] = (principal, now);
        return principal;
    }
}
