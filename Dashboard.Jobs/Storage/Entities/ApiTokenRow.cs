namespace Dashboard.Jobs.Storage.Entities;

/// <summary>
/// A bearer token for automation. Only a SHA-256 hash is stored; the token itself is shown
/// once, when it is created.
/// </summary>
public sealed class ApiTokenRow
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required byte[] TokenHash { get; set; }
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
