using Dashboard.Domain.Catalog;

namespace Dashboard.Services.Config;

/// <summary>
/// One configuration document (docs/decisions/024-configuration-as-code.md): the resources, the SLO, the rest of
/// the business profile and the sources, never a secret. A section left out (null) is left as it is.
/// </summary>
public sealed record ConfigDocument
{
    public const string CurrentApiVersion = "dashboard/v1";
    public const string DocumentKind = "DashboardConfig";

    /// <summary>True: user-defined resources the document does not list are deleted (with their history). False: kept.</summary>
    public bool Prune { get; init; }

    /// <summary>Each listed resource is set to exactly what its entry says (built-ins: query, levels, window, entity label, note, load model).</summary>
    public IReadOnlyList<ResourceDraft>? Resources { get; init; }

    public SloSection? Slo { get; init; }

    public BusinessSection? Business { get; init; }

    public SourcesSection? Sources { get; init; }
}

/// <summary>The availability objective (the business profile's SLO target).</summary>
public sealed record SloSection(decimal TargetPercent);

/// <summary>
/// The business profile without the SLO. Revenue figures are owner-only: exported for owners alone, and
/// when <see cref="Revenue"/> is null (a document exported by an engineer) the stored figures are kept.
/// </summary>
public sealed record BusinessSection
{
    public required int ActiveUsers { get; init; }
    public required decimal MonthlyInfraSpendUsd { get; init; }
    public int? ConversionBaselineLatencyMs { get; init; }
    public RevenueFigures? Revenue { get; init; }
}

/// <summary>MRR and revenue per conversion, together.</summary>
public sealed record RevenueFigures(decimal MonthlyRecurringRevenueUsd, decimal? RevenuePerConversionUsd);

/// <summary>The sources as the Settings page edits them, without their secrets. A part left out is left as it is.</summary>
public sealed record SourcesSection
{
    public PrometheusSection? Prometheus { get; init; }
    public AlertmanagerSection? Alertmanager { get; init; }

    /// <summary>Replaces the scrape targets (one missing is removed, unless the configuration files define it).</summary>
    public IReadOnlyList<ScrapeTargetEntry>? ScrapeTargets { get; init; }

    /// <summary>Replaces the monitored PostgreSQL databases, as <see cref="ScrapeTargets"/>.</summary>
    public IReadOnlyList<PostgresTargetEntry>? Postgres { get; init; }
}

/// <summary>Prometheus without its password or token; a field left out is left as it is.</summary>
public sealed record PrometheusSection
{
    public string? Url { get; init; }
    public double? TimeoutSeconds { get; init; }
    public int? MaxRetries { get; init; }
    public string? BasicAuthUser { get; init; }
}

/// <summary>Alertmanager without its token.</summary>
public sealed record AlertmanagerSection
{
    public string? Url { get; init; }
    public double? TimeoutSeconds { get; init; }
}

/// <summary>A /metrics endpoint without its token.</summary>
public sealed record ScrapeTargetEntry(string Name, string Url);

/// <summary>A monitored database; the connection string never holds a password.</summary>
public sealed record PostgresTargetEntry(string Name, string ConnectionString);
