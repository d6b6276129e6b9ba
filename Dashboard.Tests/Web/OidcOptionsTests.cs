using Dashboard.Hosting;
using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Web;

/// <summary>Auth:Oidc at start-up (issue 17): a plain-HTTP provider only where it was asked for and not in Production; the role mapping checked.</summary>
public sealed class OidcOptionsTests
{
    private static IReadOnlyList<string> Failures(string environment, OidcOptions oidc, bool demo = false)
    {
        oidc.ClientId = "dashboard";
        var result = new ConfigurationValidator(Options.Create(new DashboardOptions { DemoMode = demo }), new HostingEnvironment { EnvironmentName = environment })
            .Validate(null, new AuthOptions { Oidc = oidc, BootstrapAdminEmail = "owner@example.com", BootstrapAdminPassword = "a-long-enough-passphrase-42" });
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Fact]
    public void HttpsProvider_WithAMapping_Passes() =>
        Assert.Empty(Failures("Production", new OidcOptions
        {
            Authority = "https://login.example.com",
            RoleMapping = new() { ["engineer"] = ["sre-oncall"] },
        }));

    [Fact]
    public void PlainHttpProvider_NeedsRequireHttpsMetadataOff_AndIsRefusedInProduction()
    {
        Assert.Contains(Failures("Development", new OidcOptions { Authority = "http://127.0.0.1:9401" }),
            f => f.StartsWith("Auth:Oidc:Authority is plain HTTP (http://127.0.0.1:9401)", StringComparison.Ordinal));
        Assert.Empty(Failures("Development", new OidcOptions { Authority = "http://127.0.0.1:9401", RequireHttpsMetadata = false }));
        Assert.Contains(Failures("Production", new OidcOptions { Authority = "http://127.0.0.1:9401", RequireHttpsMetadata = false }),
            f => f.StartsWith("Auth:Oidc:RequireHttpsMetadata=false is for a development provider", StringComparison.Ordinal));
        // The demo (run by scripts/run.sh, in Production) uses the stack's local provider.
        Assert.Empty(Failures("Production", new OidcOptions { Authority = "http://127.0.0.1:9401", RequireHttpsMetadata = false }, demo: true));
    }

    [Fact]
    public void AMappingToAnUnknownRole_OrABadDefault_IsNamed()
    {
        var failures = Failures("Production", new OidcOptions
        {
            Authority = "https://login.example.com",
            RoleMapping = new() { ["admins"] = ["it"] },
            DefaultRole = "viewer",
        });

        Assert.Contains(failures, f => f.Contains("names the role 'admins', which does not exist", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Auth:Oidc:DefaultRole is 'viewer'", StringComparison.Ordinal));
    }

    [Fact]
    public void BreakGlassMode_NeedsSingleSignOn_AndTheOwnersEmail()
    {
        var result = new ConfigurationValidator(Options.Create(new DashboardOptions()), new HostingEnvironment { EnvironmentName = "Development" })
            .Validate(null, new AuthOptions { LocalPasswords = "break-glass" });

        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:LocalPasswords=break-glass needs single sign-on", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:LocalPasswords=break-glass needs Auth:BreakGlassOwnerEmail", StringComparison.Ordinal));
        Assert.Contains(new ConfigurationValidator(Options.Create(new DashboardOptions()), new HostingEnvironment { EnvironmentName = "Development" })
            .Validate(null, new AuthOptions { LocalPasswords = "off" }).Failures!, f => f.StartsWith("Auth:LocalPasswords must be 'on' or 'break-glass'", StringComparison.Ordinal));
    }

    [Fact]
    public void MayUsePassword_OnlyTheBreakGlassOwner_WhenSsoOnly()
    {
        var auth = new AuthOptions { LocalPasswords = "break-glass", BreakGlassOwnerEmail = "root@example.com", Oidc = new OidcOptions { Authority = "https://login.example.com" } };

        Assert.True(auth.MayUsePassword("Root@Example.com "));
        Assert.False(auth.MayUsePassword("eng@example.com"));
        Assert.True(new AuthOptions().MayUsePassword("eng@example.com"));
    }
}
