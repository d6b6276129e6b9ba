using System.Net;
using Dashboard.Jobs.Security;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Jobs.Storage.Primary;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// A sign-in cookie ends with sign-out and follows role changes, everywhere it was copied, at the
/// next session check (Auth:SessionCheckInterval; zero here so the check runs on every request).
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SessionEndTests(DashboardAppFactory app)
{
    [Fact]
    public async Task SignOut_CopyOfTheCookie_NoLongerSignedIn()
    {
        var engineer = app.For("engineer");
        using var interval = app.OverrideSetting("Auth:SessionCheckInterval", "00:00:00");
        var cookies = new CookieContainer();
        using var browser = await app.SignInAsync(engineer.Email, engineer.Password, cookies);
        using var copy = app.CreateRawClient();
        copy.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(app.BaseAddress));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/v1/me")).StatusCode);

        var signOut = await browser.PostAsync("/account/logout", null);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task RoleRemoved_SignedInCookie_LosesTheRoleAtTheNextCheck()
    {
        using var interval = app.OverrideSetting("Auth:SessionCheckInterval", "00:00:00");
        var email = $"session-{Guid.NewGuid():N}@demo.local";
        const string password = "Session-test-password-1";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            var user = new DashboardUser { UserName = email, Email = email, DisplayName = "Session test", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Engineer)).Succeeded);
        }
        using var browser = await app.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/alerts")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            Assert.True((await users.RemoveFromRoleAsync((await users.FindByEmailAsync(email))!, Roles.Engineer)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/v1/alerts")).StatusCode);
    }
}

/// <summary>The session check while the primary is down: signed-in people keep reading; nobody is signed out by an outage.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SessionCheckOutageTests(DashboardAppFactory app)
{
    [Fact]
    public async Task SessionCheck_PrimaryDown_CookieKeptNotAnError()
    {
        var pm = app.For("pm");
        using var interval = app.OverrideSetting("Auth:SessionCheckInterval", "00:00:00");
        using var browser = await app.SignInAsync(pm.Email, pm.Password);
        var status = app.Services.GetRequiredService<PrimaryStatus>();
        HttpResponseMessage during;
        try
        {
            // A real network fault between the app and the real primary; the shared primary keeps running.
            app.PrimaryLink.Cut();
            during = await browser.GetAsync("/api/v1/me");
        }
        finally
        {
            app.PrimaryLink.Restore();
        }
        // The next test starts on a writable app.
        await Eventually.WaitForAsync(() => Task.FromResult(status.IsReadOnly), r => !r, TimeSpan.FromSeconds(30), "the app to notice the primary is back");

        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Contains(pm.Email, await during.Content.ReadAsStringAsync());
    }
}
