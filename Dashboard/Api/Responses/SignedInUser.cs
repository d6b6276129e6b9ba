using System.Security.Claims;

namespace Dashboard.Api.Responses;

/// <summary>What <c>GET /api/v1/me</c> answers: the caller's name and roles (sorted).</summary>
public sealed record SignedInUser(string? Name, IReadOnlyList<string> Roles)
{
    public static SignedInUser Of(ClaimsPrincipal user) =>
        new(user.Identity?.Name, [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order()]);
}
