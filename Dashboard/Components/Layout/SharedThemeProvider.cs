using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>
/// MudBlazor's theme provider with its style sheets built once per process (decision 035).
/// MudThemeProvider builds its <c>:root</c> variables (12,000 characters, 24 KB) on every render of
/// every open page and keeps two copies in each page's render trees; the text depends only on the theme,
/// the light or dark palette and the scrollbar choice, so it is built once per combination and every
/// page holds the same string. Everything else (dark-mode detection, <c>IsDarkMode</c> binding, the
/// popover and chart styles) is MudThemeProvider's own. Pages set <see cref="MudThemeProvider.Theme"/>
/// to one static theme; <see cref="MudThemeProvider.CurrentPalette"/> is not used here.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    // The chart styles MudThemeProvider writes beside the theme (unchanged text).
    private const string ChartStyle = "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n";

    private static readonly ConcurrentDictionary<(MudTheme Theme, bool Dark, bool DefaultScrollbar), (string? Scrollbar, string Theme)> Built = new();

    /// <summary>The style sheets for one theme, palette and scrollbar choice: built by MudBlazor once, then shared.</summary>
    internal (string? Scrollbar, string Theme) Styles()
    {
        // The parameter as the layout passed it (@bind-IsDarkMode keeps it equal to MudBlazor's state); the
        // ParameterState behind it is private to MudThemeProvider.
#pragma warning disable MUD0010
        var key = (Theme ?? DashboardTheme.Theme, IsDarkMode, DefaultScrollbar);
#pragma warning restore MUD0010
        return Built.GetOrAdd(key, _ => (DefaultScrollbar ? null : BuildMudBlazorScrollbar(), BuildTheme()));
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var (scrollbar, theme) = Styles();
        if (scrollbar is not null)
        {
            builder.AddMarkupContent(0, scrollbar);
        }

        builder.AddMarkupContent(1, ChartStyle);
        builder.AddMarkupContent(2, theme);
    }
}
