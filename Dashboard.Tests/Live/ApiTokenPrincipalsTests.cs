using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Tests.Domain;

namespace Dashboard.Tests.Live;

/// <summary>
/// The principal of a token's user is built once and shared while the token lookup is fresh (30 s), so 10,000
/// hub connections on one token cost one Identity build; a refusal is never remembered, and an old one is rebuilt.
/// </summary>
public sealed class ApiTokenPrincipalsTests
{
    private readonly ManualTimeProvider clock = new();
    private int builds;

    private Task<ClaimsPrincipal?> Build(string userId, string role)
    {
        builds++;
        return Task.FromResult<ClaimsPrincipal?>(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Role, role)], "test")));
    }

    [Fact]
    public async Task GetAsync_SameUserWithinWindow_BuiltOnceAndShared()
    {
        var principals = new ApiTokenPrincipals(clock);

        var first = await principals.GetAsync("u1", id => Build(id, "designer"));
        clock.Advance(TimeSpan.FromSeconds(29));
        var second = await principals.GetAsync("u1", id => Build(id, "owner"));

        Assert.Equal(1, builds);
        Assert.Same(first, second);
        Assert.True(second!.IsInRole("designer"));
    }

    [Fact]
    public async Task GetAsync_AfterWindow_RebuiltWithCurrentRoles()
    {
        var principals = new ApiTokenPrincipals(clock);
        await principals.GetAsync("u1", id => Build(id, "designer"));

        clock.Advance(TimeSpan.FromSeconds(30));
        var rebuilt = await principals.GetAsync("u1", id => Build(id, "owner"));

        Assert.Equal(2, builds);
        Assert.True(rebuilt!.IsInRole("owner"));
        Assert.False(rebuilt.IsInRole("designer"));
    }

    [Fact]
    public async Task GetAsync_RefusedUser_NeverRemembered_AndForgetsTheLastPrincipal()
    {
        var principals = new ApiTokenPrincipals(clock);
        await principals.GetAsync("u1", id => Build(id, "engineer"));
        clock.Advance(TimeSpan.FromSeconds(31));

        var refused = await principals.GetAsync("u1", _ => Task.FromResult<ClaimsPrincipal?>(null));
        var again = await principals.GetAsync("u1", _ => Task.FromResult<ClaimsPrincipal?>(null));
        var other = await principals.GetAsync("u2", id => Build(id, "pm"));

        Assert.Null(refused);
        Assert.Null(again);
        Assert.True(other!.IsInRole("pm"));
        Assert.Equal("u2", other.FindFirst(ClaimTypes.NameIdentifier)!.Value);
    }
}
