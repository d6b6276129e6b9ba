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
            // Darker than Material's amber and blue so white text on them, and them as text on white, pass WCAG AA (4.5:1).
            Warning = "#9a5b00",
            Info = "#0b6bcb",
            TextSecondary = "rgba(0,0,0,0.64)",
            Error = "#c62828",
            Dark = "#616161",
        },
        PaletteDark = new PaletteDark
        {
            // Light tones with dark text on them: they pass AA both as fills and as text on the dark surface.
            Primary = "#6ea8fe",
            PrimaryContrastText = "rgba(0,0,0,0.87)",
            Success = "#81c784",
            SuccessContrastText = "rgba(0,0,0,0.87)",
            Warning = "#ffb74d",
            WarningContrastText = "rgba(0,0,0,0.87)",
            Error = "#f48681",
            ErrorContrastText = "rgba(0,0,0,0.87)",
            Info = "#90caf9",
            InfoContrastText = "rgba(0,0,0,0.87)",
            TextSecondary = "rgba(255,255,255,0.72)",
            Dark = "#9e9e9e",
            DarkContrastText = "rgba(0,0,0,0.87)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
