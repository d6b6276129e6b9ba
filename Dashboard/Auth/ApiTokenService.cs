using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Jobs.Storage.Primary;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Auth;

/// <summary>
/// Creates and checks per-user API bearer tokens. Only SHA-256 hashes are stored. A lookup is remembered for
/// 30 s (one query less per API call), and while the database cannot answer, the last good one for 15 min, so
/// automation keeps reading through a primary outage (docs/decisions/028). The user's principal (roles, lockout)
/// is remembered for the same 30 s, so a remembered token costs no query at all (docs/decisions/032).
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<DashboardDbContext> contexts, PrimaryStatus primary, TimeProvider time)
{
    private const string Prefix = "dsh_";
    /// <summary>How long a token lookup (and the principal built for its user) is reused.</summary>
    internal static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastGood = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, (string UserId, DateTimeOffset CheckedAt)> known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTimeOffset BuiltAt)> principals = new(StringComparer.Ordinal);

    // Single flight: when a remembered lookup or principal runs out, the requests arriving meanwhile wait for the one
    // query already under way instead of each opening a connection (at 300 req/s they would exhaust the pool).
    private readonly ConcurrentDictionary<string, Task<string?>> lookups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<ClaimsPrincipal?>> builds = new(StringComparer.Ordinal);

    /// <summary>How long a token lookup and its user's principal are remembered: a revoked token, a locked-out user or a changed role takes effect within it.</summary>
    public static TimeSpan RememberedFor => Fresh;

    /// <summary>Creates a token for a user; the returned plain text is shown once and never stored.</summary>
    public async Task<string> CreateAsync(string userId, string name, CancellationToken cancellationToken)
    {
        var token = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiTokens.Add(new ApiTokenRow
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = name,
            TokenHash = Hash(token),
            Prefix = token[..8],
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The owning user's id for a live token, or null.</summary>
    public async Task<string?> FindUserIdAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 128)
        {
            return null;
        }
        var hash = Hash(token);
        var key = Convert.ToHexString(hash);
        var now = time.GetUtcNow();
        if (known.TryGetValue(key, out var remembered) && now - remembered.CheckedAt < Fresh)
        {
            return remembered.UserId;
        }
        return await OnceAsync(lookups, key, () => RefreshAsync(key, hash, now)).WaitAsync(cancellationToken);
    }

    // Not cancelled by the caller that started it: the others wait for the same lookup.
    private async Task<string?> RefreshAsync(string key, byte[] hash, DateTimeOffset now)
    {
        try
        {
            var userId = await LookUpAsync(hash, now, CancellationToken.None);
            if (userId is null)
            {
                known.TryRemove(key, out _);
                return null;
            }
            known[key] = (userId, now);
            return userId;
        }
        catch (Exception ex) when (IsDatabaseDown(ex) && known.TryGetValue(key, out var lastGood) && now - lastGood.CheckedAt < LastGood)
        {
            return lastGood.UserId;
        }
    }

    /// <summary>Runs <paramref name="start"/> unless a run for <paramref name="key"/> is under way, whose result is shared instead.</summary>
    private static async Task<T> OnceAsync<T>(ConcurrentDictionary<string, Task<T>> inflight, string key, Func<Task<T>> start)
    {
        var mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = inflight.GetOrAdd(key, mine.Task);
        if (running != mine.Task)
        {
            return await running;
        }
        try
        {
            var result = await start();
            mine.SetResult(result);
            return result;
        }
        catch (Exception ex)
        {
            mine.SetException(ex);
            _ = mine.Task.Exception; // observed: the caller that started it gets the exception below
            throw;
        }
        finally
        {
            inflight.TryRemove(new KeyValuePair<string, Task<T>>(key, mine.Task));
        }
    }

    /// <summary>
    /// The principal of a live token's user, or null: <paramref name="build"/> (user, lockout, roles; null when the
    /// user is gone or locked out) runs at most once per user per <see cref="RememberedFor"/>. Every request and hub
    /// connection of the user in that window shares the one principal (10,000 wall screens on one token hold one,
    /// docs/decisions/031): nothing in the pipeline changes a principal after authentication (no claims transformation).
    /// </summary>
    public async Task<ClaimsPrincipal?> FindPrincipalAsync(string token, Func<string, Task<ClaimsPrincipal?>> build, CancellationToken cancellationToken)
    {
        if (await FindUserIdAsync(token, cancellationToken) is not { } userId)
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (principals.TryGetValue(userId, out var remembered) && now - remembered.BuiltAt < Fresh)
        {
            return remembered.Principal;
        }
        var built = await OnceAsync(builds, userId, async () =>
        {
            if (await build(userId) is not { } principal)
            {
                principals.TryRemove(userId, out _);
                return null;
            }
            principals[userId] = (principal, now);
            return principal;
        }).WaitAsync(cancellationToken);
        return built;
    }

    private async Task<string?> LookUpAsync(byte[] hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiTokens.SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
        if (row is null)
        {
            return null;
        }
        // Avoid a write per request: last-used is kept to the minute, and skipped while read-only.
        if (!primary.IsReadOnly && (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromMinutes(1)))
        {
            row.LastUsedAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (IsDatabaseDown(ex))
            {
                // The outage began during this request: the token was found, last-used waits for the next call.
            }
        }
        return row.UserId;
    }

    private static bool IsDatabaseDown(Exception ex) =>
        ex is PrimaryUnavailableException || PrimaryFailureInterceptor.IsOutage(ex) || ex.InnerException is { } inner && PrimaryFailureInterceptor.IsOutage(inner);

    public async Task<bool> IsValidAsync(string userId, string token, CancellationToken cancellationToken) =>
        await FindUserIdAsync(token, cancellationToken) == userId;

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
