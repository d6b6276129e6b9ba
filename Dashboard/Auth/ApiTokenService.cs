using System.Collections.Concurrent;
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
/// automation keeps reading through a primary outage (docs/decisions/028).
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<DashboardDbContext> contexts, PrimaryStatus primary, TimeProvider time)
{
    private const string Prefix = "dsh_";
    /// <summary>How long a token lookup (and the principal built for its user, <see cref="ApiTokenPrincipals"/>) is reused.</summary>
    internal static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastGood = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, (string UserId, DateTimeOffset CheckedAt)> known = new(StringComparer.Ordinal);

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
        try
        {
            var userId = await LookUpAsync(hash, now, cancellationToken);
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
