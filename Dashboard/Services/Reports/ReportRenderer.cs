using System.Text;
using Dashboard.Components.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Services.Reports;

/// <summary>
/// Renders a report to one self-contained HTML document with Blazor's HtmlRenderer: the same
/// components (and the same forecast chart) as the views, with inline CSS and SVG, no external assets.
/// </summary>
public sealed class ReportRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    public const string ContentType = "text/html; charset=utf-8";

    public async Task<byte[]> RenderAsync(CapacityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<ReportDocument>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(ReportDocument.Report)] = report,
            }));
            return output.ToHtmlString();
        });
        return Encoding.UTF8.GetBytes(html);
    }
}
