using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>
/// Status colours mean one thing everywhere: Ok green, Warning amber, Critical red,
/// Stale/NoData grey (see docs/ui.md); the palette maps MudBlazor's Success/Warning/Error to them.
/// </summary>
public static class DashboardTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            AppbarBackground = "#1f2a37",
            Success = "#2e7d32",
            Warning = "#b26a00",
            Error = "#c62828",
            Dark = "#616161",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6ea8fe",
            Success = "#66bb6a",
            Warning = "#ffb74d",
            Error = "#ef5350",
            Dark = "#9e9e9e",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
