using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Auth;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>
/// Single sign-on against a real OpenID provider (issue 17): the stack's local provider (scripts/oidc, oidc-provider)
/// with test users in groups, authorization code + PKCE as a browser does it. Each mapped group lands on its role's
/// view; a person in no mapped group, or a disabled user, gets a page saying so; a group changed at the provider counts
/// at the next sign-in; signing out ends the provider's session too.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SsoSignInTests(DashboardAppFactory app)
{
    private static string UsersFile => ProviderSignIn.UsersFile;

    public static TheoryData<string, string> MappedUsers() => new()
    {
        { "olivia", "owner" }, { "eli", "engineer" }, { "paula", "pm" }, { "dana", "designer" },
    };

    [Theory]
    [MemberData(nameof(MappedUsers))]
    public async Task MappedGroup_SignsInAtTheProvider_LandsOnItsRolesView_AndIsAUser(string login, string role)
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        await SignInAtProviderAsync(page, login);

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/{role}$"));
        await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync($"{login}@sso.test");
        await Browser.ScreenshotAsync(page, $"sso-{role}");
        // The first sign-in made a user of the product: the provider's subject as its login, the role from the groups.
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await users.FindByLoginAsync(SsoSignIn.Provider, login);
        Assert.NotNull(user);
        Assert.Equal($"{login}@sso.test", user.Email);
        Assert.Equal([role], await users.GetRolesAsync(user));
    }

    [Fact]
    public async Task NoMappedGroup_GetsAPageSayingSo_AndWhomToAsk()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        await SignInAtProviderAsync(page, "nora");

        await Assertions.Expect(page.Locator("[data-testid=status-title]")).ToHaveTextAsync("No role for you here yet");
        await Assertions.Expect(page.Locator("[data-testid=sso-refusal]").First).ToContainTextAsync("your groups: finance, all-staff");
        await Assertions.Expect(page.Locator("[data-testid=sso-refusal]").Last).ToContainTextAsync("Ask the dashboard's owners");
        await Browser.ScreenshotAsync(page, "sso-no-role");
        // Refused before anything is stored: no user record, and no session.
        using var scope = app.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByLoginAsync(SsoSignIn.Provider, "nora"));
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task DisabledUser_IsRefused_EvenWithAValidProviderSession()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await SignInAtProviderAsync(page, "dave");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/engineer$"));

        // An owner disables the user (the users API, as the Settings page does); the provider still has a session for them.
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var users = await owner.GetFromJsonAsync<JsonElement[]>("/api/v1/users");
        var dave = users!.Single(u => u.GetProperty("email").GetString() == "dave@sso.test");
        Assert.Equal("single sign-on", dave.GetProperty("signsInWith").GetString());
        var id = dave.GetProperty("id").GetString();
        var disabled = await owner.PostAsync($"/api/v1/users/{id}/disable", null);
        Assert.Equal(System.Net.HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());
        try
        {
            await context.ClearCookiesAsync(new() { Name = "dashboard.auth" });
            await page.GotoAsync("/account/login");
            await page.ClickAsync("[data-testid=sign-in-sso]");

            // No password asked: the provider's session signs the person in there, and the dashboard refuses.
            await Assertions.Expect(page.Locator("[data-testid=status-title]")).ToHaveTextAsync("Your account is disabled");
            await page.GotoAsync("/engineer");
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        }
        finally
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await owner.PostAsync($"/api/v1/users/{id}/enable", null)).StatusCode);
        }
        // Enabled again, the same provider session signs dave in.
        await page.GotoAsync("/account/login");
        await page.ClickAsync("[data-testid=sign-in-sso]");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/engineer$"));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.Equal(["user.disable", "user.enable"],
            await db.AuditLog.Where(a => a.Subject == "dave@sso.test").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task GroupChangedAtTheProvider_CountsAtTheNextSignIn()
    {
        var original = await File.ReadAllTextAsync(UsersFile);
        try
        {
            await using (var context = await Browser.NewContextAsync(app.BaseAddress))
            {
                var page = await context.NewPageAsync();
                await SignInAtProviderAsync(page, "gabe");
                await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/pm$"));
            }

            // The provider moves gabe from product to design.
            var users = JsonNode.Parse(original)!.AsArray();
            users.First(u => (string?)u!["sub"] == "gabe")!["groups"] = new JsonArray("design");
            await File.WriteAllTextAsync(UsersFile, users.ToJsonString());

            await using (var context = await Browser.NewContextAsync(app.BaseAddress))
            {
                var page = await context.NewPageAsync();
                await SignInAtProviderAsync(page, "gabe");
                await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/designer$"));
                await page.GotoAsync("/pm");
                await Assertions.Expect(page.Locator("#no-permission")).ToHaveTextAsync("You do not have access to the PM view");
            }
            using var scope = app.Services.CreateScope();
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            Assert.Equal(["designer"], await manager.GetRolesAsync((await manager.FindByLoginAsync(SsoSignIn.Provider, "gabe"))!));
        }
        finally
        {
            await File.WriteAllTextAsync(UsersFile, original);
        }
    }

    [Fact]
    public async Task SignOut_EndsTheProviderSessionToo_TheNextSignInAsksAgain()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await SignInAtProviderAsync(page, "eli");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/engineer$"));
        await new LoginPage(page).WaitInteractiveAsync();

        await page.ClickAsync("header.mud-appbar [aria-label='Sign out']");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.ClickAsync("[data-testid=sign-in-sso]");
        // The provider asks for the password again: its session ended with the dashboard's.
        await Assertions.Expect(page.Locator("input[name=login]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ProviderDown_TheSignOnIsAPageNamingIt_NotA500()
    {
        await StackControl.StopAsync("oidc");
        try
        {
            using var client = app.CreateRawClient();
            client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

            var response = await client.GetAsync("/account/login/sso");
            var page = await response.Content.ReadAsStringAsync();

            Assert.Equal(System.Net.HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Contains("The identity provider cannot be reached", page, StringComparison.Ordinal);
            Assert.Contains("Back to sign-in", page, StringComparison.Ordinal);
        }
        finally
        {
            await StackControl.StartAsync("oidc");
        }
    }

    [Fact]
    public async Task SsoOnly_ThePageLeadsWithTheProvider_OnlyTheBreakGlassOwnerKeepsAPassword()
    {
        var owner = app.For("owner");
        var engineer = app.For("engineer");
        // The owner's address first, then the mode (and back in reverse): the settings are never invalid in between.
        using var glass = app.OverrideSetting("Auth:BreakGlassOwnerEmail", owner.Email);
        using var mode = app.OverrideSetting("Auth:LocalPasswords", "break-glass");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/login");
        // The provider's button comes first; the password form is folded away as the emergency door.
        await Assertions.Expect(page.Locator("[data-testid=sign-in-sso]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("account-sso-primary"));
        await Assertions.Expect(page.Locator("#password")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "sso-only-login");
        // The provider's button is readable (its text's contrast), and the folded form is reachable.
        Assert.Empty(await AccessibilityTests.SeriousViolationsAsync(page, "/account/login (single sign-on only)"));
        await Assertions.Expect(page.Locator("[data-testid=sign-in-sso]")).ToHaveTextAsync("Sign in with the local identity provider");
        // axe leaves text the colour of its own background as "cannot tell": the button's words against its fill, measured.
        var contrast = await page.Locator("[data-testid=sign-in-sso]").EvaluateAsync<double>(@"el => {
            const rgb = c => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
            const lum = c => { const [r, g, b] = rgb(c); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const style = getComputedStyle(el), [a, b] = [lum(style.color), lum(style.backgroundColor)];
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }");
        Assert.True(contrast >= 4.5, $"the single sign-on button's text has a contrast of {contrast:0.0}:1 against its fill");

        // A password that is right is still refused for anyone but the break-glass owner.
        using var cookies = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var refused = await cookies.PostAsync("/account/signin", await CookieSignIn.FormAsync(cookies, engineer.Email, engineer.Password));
        Assert.StartsWith("/account/login?error=failed", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var client = await app.SignInAsync(owner.Email, owner.Password);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        // Single sign-on still signs people in.
        await SignInAtProviderAsync(page, "paula");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/pm$"));
    }

    [Fact]
    public async Task AnAcknowledgeBySsoUser_TheAuditTrailNamesThem()
    {
        long id;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            var now = DateTimeOffset.UtcNow;
            var row = new AlertRow
            {
                Source = AlertRow.DashboardSource, Metric = MetricIds.QueueDepth, Entity = "sso-audit-" + Guid.NewGuid().ToString("N")[..8],
                // A whole firing episode (pending, then firing), as the alert machine would have stored it.
                Severity = "Warning", State = "Firing", PendingSince = now.AddMinutes(-6), FiringSince = now.AddMinutes(-5), LastEvaluatedAt = now, UpdatedAt = now,
            };
            db.Alerts.Add(row);
            await db.SaveChangesAsync();
            id = row.Id;
        }
        try
        {
            using var eli = await app.SignInThroughProviderAsync(ProviderSignIn.UsersByRole["engineer"]);

            var ack = await eli.PostAsJsonAsync($"/api/v1/alerts/{id}/ack", new { note = "on it (signed in through the provider)" });

            Assert.Equal(System.Net.HttpStatusCode.OK, ack.StatusCode);
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            var audit = await db.AuditLog.SingleAsync(a => a.Subject.StartsWith($"alert {id} ") && a.Action == "alert.ack");
            Assert.Equal("eli@sso.test", audit.Actor);
        }
        finally
        {
            // The made-up alert leaves triage: other tests see only the alerts they raise.
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            await db.Alerts.Where(a => a.Id == id).ExecuteDeleteAsync();
        }
    }

    /// <summary>From the dashboard's sign-in page through the provider's form, as a person does.</summary>
    private static async Task SignInAtProviderAsync(IPage page, string login)
    {
        var password = ProviderSignIn.PasswordOf(login);
        await page.GotoAsync("/account/login");
        await page.ClickAsync("[data-testid=sign-in-sso]");
        await page.FillAsync("input[name=login]", login);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
    }
}
