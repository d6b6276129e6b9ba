using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Web;

/// <summary>
/// Every asset a page links is served precompressed under a fingerprinted, immutable URL (decision 034):
/// the HTML names only such URLs, and each answers br or gzip as the client accepts.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed partial class StaticAssetTests(DashboardAppFactory app)
{
    private static readonly TimeSpan OneYear = TimeSpan.FromDays(365);

    [Fact]
    public async Task Overview_SignedIn_LinksOnlyFingerprintedAssets()
    {
        var assets = await LinkedAssetsAsync(await OwnerPageAsync("/"));

        Assert.Contains(assets, a => a.StartsWith("/_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/_framework/blazor.web.", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/app.", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/Dashboard.", StringComparison.Ordinal) && a.EndsWith(".styles.css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/favicon.", StringComparison.Ordinal));
        Assert.All(assets, a => Assert.Matches(Fingerprinted(), a));
    }

    [Fact]
    public async Task LoginPage_Anonymous_LinksOnlyFingerprintedAssets()
    {
        using var client = app.CreateRawClient();
        var response = await client.GetAsync("/account/login");
        response.EnsureSuccessStatusCode();

        var assets = await LinkedAssetsAsync(response);

        Assert.Contains(assets, a => a.StartsWith("/_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal));
        Assert.All(assets, a => Assert.Matches(Fingerprinted(), a));
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    public async Task LinkedAssets_AcceptEncoding_PrecompressedAndImmutable(string acceptEncoding, string expected)
    {
        var assets = await LinkedAssetsAsync(await OwnerPageAsync("/"));
        using var client = app.CreateRawClient();

        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            using var response = await client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            Assert.True(response.Content.Headers.ContentEncoding.SequenceEqual([expected]),
                $"{asset} with Accept-Encoding '{acceptEncoding}': Content-Encoding '{string.Join(",", response.Content.Headers.ContentEncoding)}', expected {expected}");
            AssertImmutable(asset, response.Headers.CacheControl);
        }
    }

    [Fact]
    public async Task MudBlazorCss_Brotli_DecodesToTheIdentityBytesAtAFractionOfTheSize()
    {
        var css = (await LinkedAssetsAsync(await OwnerPageAsync("/"))).Single(a => a.StartsWith("/_content/MudBlazor/", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        using var client = app.CreateRawClient();

        using var plain = await client.GetAsync(css);
        using var request = new HttpRequestMessage(HttpMethod.Get, css);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        using var brotli = await client.SendAsync(request);

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        AssertImmutable(css, plain.Headers.CacheControl);
        var identity = await plain.Content.ReadAsByteArrayAsync();
        var compressed = await brotli.Content.ReadAsByteArrayAsync();
        using var decoded = new MemoryStream();
        await using (var decoder = new System.IO.Compression.BrotliStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress))
        {
            await decoder.CopyToAsync(decoded);
        }
        Assert.Equal(identity, decoded.ToArray());
        // MudBlazor's stylesheet is 627 KB as shipped, about 42 KB with Brotli.
        Assert.True(compressed.Length * 5 < identity.Length, $"br {compressed.Length} B against identity {identity.Length} B");
    }

    private static void AssertImmutable(string asset, CacheControlHeaderValue? cacheControl)
    {
        Assert.True(cacheControl is not null, $"{asset}: no Cache-Control");
        Assert.True(cacheControl.MaxAge >= OneYear, $"{asset}: Cache-Control '{cacheControl}'");
        Assert.True(cacheControl.Extensions.Any(e => e.Name == "immutable"), $"{asset}: Cache-Control '{cacheControl}'");
    }

    private async Task<HttpResponseMessage> OwnerPageAsync(string path)
    {
        var owner = app.For("owner");
        using var client = await app.SignInAsync(owner.Email, owner.Password);
        var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return response;
    }

    /// <summary>The same-site URLs of the page's stylesheets, icons, preloads and scripts, and of its Link header.</summary>
    private static async Task<IReadOnlyList<string>> LinkedAssetsAsync(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        var urls = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        if (page.Headers.TryGetValues("Link", out var links))
        {
            urls.AddRange(links.SelectMany(l => LinkHeaderUrl().Matches(l)).Select(m => m.Groups["url"].Value));
        }
        var local = urls
            .Where(u => !u.StartsWith("data:", StringComparison.Ordinal) && !u.Contains("://", StringComparison.Ordinal))
            .Select(u => "/" + u.TrimStart('/'))
            .Distinct()
            .ToList();
        Assert.NotEmpty(local);
        return local;
    }

    // <link ... href="x"> and <script ... src="x">, in either attribute order.
    [GeneratedRegex("""<(?:link|script)\b[^>]*?\b(?:href|src)="(?<url>[^"]+)"[^>]*>""")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""<(?<url>[^>]+)>""")]
    private static partial Regex LinkHeaderUrl();

    // name.<10-character fingerprint>.ext, as the SDK's static web assets name them.
    [GeneratedRegex("""^/[^?#]*\.[a-z0-9]{10}\.[a-z.]+$""")]
    private static partial Regex Fingerprinted();
}
