using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Dashboard.Hosting;

/// <summary>
/// Brotli (gzip fallback) for the server-rendered HTML of the pages, which is 80-160 KB per visit and
/// the bulk of a repeat visit once the static assets are cached (docs/decisions/034). Static assets are
/// precompressed at build time and never pass through here; API and hub responses are left as they are.
/// </summary>
internal static class PageCompression
{
    public static WebApplicationBuilder AddPageCompression(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(o =>
        {
            o.MimeTypes = ["text/html"];
            // BREACH needs a secret that is the same in every response and attacker-chosen text beside it.
            // The pages' secrets are not: antiforgery tokens and Blazor's component state are data-protected
            // afresh (random) in every response. TLS usually ends at the proxy, so this covers both.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: about 7x smaller HTML for little CPU; the optimal levels cost more time than they save.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }
}
