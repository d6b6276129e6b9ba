using System.Security.Cryptography;
using System.Text;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Auth;

/// <summary>Creates and checks per-user API bearer tokens. Only SHA-256 hashes are stored.</summary>
public sealed class ApiTokenService(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    private const string Prefix = "dsh_";

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
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiTokens.SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
        if (row is null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        // Avoid a write per request: last-used is kept to the minute.
        if (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return row.UserId;
    }

    public async Task<bool> IsValidAsync(string userId, string token, CancellationToken cancellationToken) =>
        await FindUserIdAsync(token, cancellationToken) == userId;

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
