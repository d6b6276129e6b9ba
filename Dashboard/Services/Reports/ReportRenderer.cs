using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Services.Reports;

/// <summary>
/// The component that lays a report out (it takes the report as its <c>Report</c> parameter). The host's
/// composition names it, so services never depend on a component type (docs/decisions/019-architecture-rules.md).
/// </summary>
public sealed record ReportTemplate(Type Component)
{
    public const string ReportParameter = "Report";
}

/// <summary>
/// Renders a report to one self-contained HTML document with Blazor's HtmlRenderer: the same
/// components (and the same forecast chart) as the views, with inline CSS and SVG, no external assets.
/// </summary>
public sealed class ReportRenderer(IServiceProvider services, ILoggerFactory loggers, ReportTemplate template)
{
    public const string ContentType = "text/html; charset=utf-8";

    public async Task<byte[]> RenderAsync(CapacityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync(template.Component, ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [ReportTemplate.ReportParameter] = report,
            }));
            return output.ToHtmlString();
        });
        return Encoding.UTF8.GetBytes(html);
    }
}
