using System.IO.Compression;
using System.Text;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Web;

/// <summary>The pages' HTML is sent compressed when the client accepts it (docs/decisions/034); the API is not touched.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class PageCompressionTests(DashboardAppFactory app)
{
    [Fact]
    public async Task Overview_AcceptsBrotli_HtmlBrotliAndComplete()
    {
        var owner = app.For("owner");
        using var client = await app.SignInAsync(owner.Email, owner.Password);

        using var plain = await client.GetAsync("/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        using var compressed = await client.SendAsync(request);

        plain.EnsureSuccessStatusCode();
        compressed.EnsureSuccessStatusCode();
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["br"], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        var body = await compressed.Content.ReadAsByteArrayAsync();
        var html = await DecodeAsync(body, s => new BrotliStream(s, CompressionMode.Decompress));
        Assert.Contains("<title>Overview", html, StringComparison.Ordinal);
        Assert.Contains("</html>", html, StringComparison.Ordinal);
        var plainLength = (await plain.Content.ReadAsByteArrayAsync()).Length;
        Assert.True(body.Length * 3 < plainLength, $"br {body.Length} B against identity {plainLength} B");
    }

    [Fact]
    public async Task LoginPage_AcceptsGzipOnly_HtmlGzip()
    {
        using var client = app.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");

        using var response = await client.SendAsync(request);

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        var html = await DecodeAsync(await response.Content.ReadAsByteArrayAsync(), s => new GZipStream(s, CompressionMode.Decompress));
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_AcceptsBrotli_NotCompressedHere()
    {
        using var client = app.CreateRawClient(app.For("engineer").Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/status");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");

        using var response = await client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private static async Task<string> DecodeAsync(byte[] body, Func<Stream, Stream> decoder)
    {
        await using var stream = decoder(new MemoryStream(body));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
