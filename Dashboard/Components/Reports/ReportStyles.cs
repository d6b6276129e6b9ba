namespace Dashboard.Components.Reports;

/// <summary>
/// The report's only stylesheet, inlined into the document: a paper page on screen, A4 with page
/// numbers in print, and the forecast chart's classes in the light theme's colours (the report has
/// no MudBlazor and no app.css).
/// </summary>
internal static class ReportStyles
{
    public const string Css = """
        :root {
          --ink: #1f2933; --muted: #5f6b7a; --rule: #d9dee5; --paper: #ffffff; --desk: #eef1f4; --accent: #1f5fa8;
          --ok: #2e7d32; --warning: #b26a00; --critical: #c62828; --none: #616161;
          --mud-palette-primary: #1f5fa8; --mud-palette-lines-default: #e6e9ee; --mud-palette-text-secondary: #5f6b7a;
          --mud-palette-warning: #b26a00; --mud-palette-warning-darken: #8a5200; --mud-palette-error: #c62828;
        }
        * { box-sizing: border-box; }
        html { background: var(--desk); }
        body { margin: 0; color: var(--ink); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
               -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .page { max-width: 860px; margin: 32px auto; padding: 48px 56px; background: var(--paper); box-shadow: 0 1px 4px rgba(0,0,0,.12); }
        header.cover { border-bottom: 3px solid var(--accent); padding-bottom: 18px; margin-bottom: 24px; }
        .overline { text-transform: uppercase; letter-spacing: .12em; font-size: 11px; font-weight: 600; color: var(--accent); margin: 0 0 6px; }
        h1 { font-size: 28px; line-height: 1.2; margin: 0 0 8px; font-weight: 650; }
        h2 { font-size: 18px; margin: 32px 0 4px; padding-top: 4px; font-weight: 650; break-after: avoid; }
        h2 .num { color: var(--accent); margin-right: 8px; }
        h3 { font-size: 15px; margin: 18px 0 4px; font-weight: 600; break-after: avoid; }
        p { margin: 6px 0; }
        .meta, .note, .sub { color: var(--muted); }
        .meta { font-size: 13px; }
        .note { font-size: 12px; margin-top: 8px; }
        .sub { font-size: 12px; display: block; }
        .lead { font-size: 15px; margin: 4px 0 10px; }
        header.cover .lead { font-size: 16px; margin: 2px 0 10px; }
        .figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 20px 0 8px; }
        .figure { border: 1px solid var(--rule); border-radius: 6px; padding: 12px 14px; break-inside: avoid; }
        .figure .label { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0; }
        .figure .value { font-size: 20px; font-weight: 650; margin: 4px 0 2px; line-height: 1.2; }
        .figure .detail { font-size: 12px; color: var(--muted); margin: 0; }
        .figure.money .value { color: var(--accent); }
        ul.bottom-line { margin: 8px 0 0; padding-left: 20px; }
        ul.bottom-line li { margin: 4px 0; }
        table { width: 100%; border-collapse: collapse; margin: 10px 0 4px; font-size: 13px; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        th { text-align: left; font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600;
             border-bottom: 2px solid var(--rule); padding: 6px 8px; }
        td { border-bottom: 1px solid var(--rule); padding: 7px 8px; vertical-align: top; }
        td.rank { color: var(--muted); width: 28px; }
        td.trend { white-space: nowrap; }
        td.num, th.num { text-align: right; white-space: nowrap; }
        tr.row-critical td:first-child { box-shadow: inset 4px 0 0 var(--critical); }
        tr.row-warning td:first-child { box-shadow: inset 4px 0 0 var(--warning); }
        .status { white-space: nowrap; font-weight: 600; }
        .status-ok { color: var(--ok); } .status-warning { color: var(--warning); } .status-critical { color: var(--critical); }
        .status-nodata, .status-stale { color: var(--none); }
        dl.money { display: grid; grid-template-columns: 1fr auto; gap: 0; margin: 10px 0; }
        dl.money dt { padding: 9px 0; border-bottom: 1px solid var(--rule); }
        dl.money dd { margin: 0; padding: 9px 0; border-bottom: 1px solid var(--rule); text-align: right; font-weight: 650; font-size: 16px; white-space: nowrap; }
        dl.money dt .sub { margin-top: 2px; }
        figure.chart-block { margin: 18px 0 8px; break-inside: avoid; }
        figure.chart-block > figcaption { font-weight: 600; margin-bottom: 2px; }
        .callout { border-left: 4px solid var(--accent); background: #f3f7fc; padding: 10px 14px; margin: 12px 0; break-inside: avoid; }
        .forecast-chart { margin: 4px 0 0; }
        .forecast-chart svg { display: block; width: 100%; height: auto; overflow: visible; }
        .fc-grid { stroke: var(--mud-palette-lines-default); stroke-width: 1; }
        .fc-axis { fill: var(--mud-palette-text-secondary); font-size: 11px; }
        .fc-history { fill: none; stroke: var(--mud-palette-primary); stroke-width: 1.5; stroke-linejoin: round; }
        .fc-forecast { fill: none; stroke: var(--mud-palette-primary); stroke-width: 2; stroke-dasharray: 6 4; }
        .fc-band { fill: var(--mud-palette-primary); fill-opacity: .15; stroke: none; }
        .fc-warning, .fc-critical { stroke-width: 1.25; stroke-dasharray: 3 3; }
        .fc-warning { stroke: var(--mud-palette-warning); } .fc-critical { stroke: var(--mud-palette-error); }
        .fc-label { font-size: 11px; font-weight: 500; }
        .fc-label-warning { fill: var(--mud-palette-warning-darken); } .fc-label-critical { fill: var(--mud-palette-error); }
        .fc-now { stroke: var(--mud-palette-text-secondary); stroke-width: 1; }
        .fc-dot-history, .fc-dot-forecast { fill: transparent; stroke: transparent; }
        .fc-legend { font-size: 12px; color: var(--mud-palette-text-secondary); margin-top: 4px; }
        .fc-key { display: inline-block; width: 18px; height: 8px; margin: 0 4px 0 12px; vertical-align: middle; }
        .fc-key-history { border-top: 2px solid var(--mud-palette-primary); }
        .fc-key-forecast { border-top: 2px dashed var(--mud-palette-primary); }
        .fc-key-band { background: var(--mud-palette-primary); opacity: .2; }
        footer { margin-top: 36px; padding-top: 12px; border-top: 1px solid var(--rule); font-size: 11px; color: var(--muted); }
        @media (max-width: 760px) { .page { padding: 24px; margin: 0; } .figures { grid-template-columns: repeat(2, 1fr); } }
        @page { size: A4; margin: 16mm 15mm 18mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9px system-ui, sans-serif; color: #5f6b7a; } }
        @media print {
          html, body { background: none; }
          body { font-size: 11pt; }
          .page { max-width: none; margin: 0; padding: 0; box-shadow: none; }
          h2 { margin-top: 22px; }
          section.break-before { break-before: page; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
