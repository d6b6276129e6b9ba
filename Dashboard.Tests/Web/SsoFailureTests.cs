using Dashboard.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Dashboard.Tests.Web;

/// <summary>A failed sign-on names its problem (issue 17, item 6): unreachable provider, refused client, clock skew, an interrupted sign-on.</summary>
public sealed class SsoFailureTests
{
    private const string Authority = "https://login.example.com";

    [Fact]
    public void DiscoveryUnreachable_NamesTheDocument()
    {
        var (title, sentences) = SsoFailure.Explain(new InvalidOperationException(
            "IDX20803: Unable to obtain configuration from: 'https://login.example.com/.well-known/openid-configuration'.",
            new HttpRequestException("Connection refused (login.example.com:443)")), Authority);

        Assert.Equal("The identity provider cannot be reached", title);
        Assert.Contains("https://login.example.com/.well-known/openid-configuration", sentences[0], StringComparison.Ordinal);
    }

    [Fact]
    public void WrongClientSecret_NamesTheSettings()
    {
        var (title, sentences) = SsoFailure.Explain(new AuthenticationFailureException("An error was encountered while handling the remote login.",
            new OpenIdConnectProtocolException("Message contains error: 'invalid_client', error_description: 'client authentication failed'")), Authority);

        Assert.Equal("The identity provider refused this dashboard", title);
        Assert.Contains("Auth:Oidc:ClientSecret", sentences[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TokenTimesOffTheClock_SaysClockSkew(bool early)
    {
        Exception inner = early
            ? new SecurityTokenNotYetValidException("IDX10222: Lifetime validation failed. The token is not yet valid.")
            : new SecurityTokenExpiredException("IDX10223: Lifetime validation failed. The token is expired.");

        var (title, sentences) = SsoFailure.Explain(new AuthenticationFailureException("remote login failed", inner), Authority);

        Assert.Equal("The sign-in token's time does not fit this server's clock", title);
        Assert.Contains("clock skew", sentences[0], StringComparison.Ordinal);
    }

    [Fact]
    public void CorrelationFailed_SaysStartAgain() =>
        Assert.Equal("The sign-on was interrupted", SsoFailure.Explain(new AuthenticationFailureException("Correlation failed."), Authority).Title);

    [Fact]
    public void AnythingElse_StillAPage_WithTheMessage() =>
        Assert.Equal(["Something odd", "Try again, or ask an administrator to look at the dashboard's log."],
            SsoFailure.Explain(new InvalidOperationException("Something odd"), Authority).Sentences);
}
