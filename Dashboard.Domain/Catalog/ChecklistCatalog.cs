namespace Dashboard.Domain.Catalog;

/// <summary>The readiness checklist, phases 1-4, as data.</summary>
public static class ChecklistCatalog
{
    /// <summary>When each phase is due.</summary>
    public static IReadOnlyDictionary<ChecklistPhase, string> PhaseTitles { get; } = new Dictionary<ChecklistPhase, string>
    {
        [ChecklistPhase.Foundation] = "Foundation (now)",
        [ChecklistPhase.GrowthReady] = "Growth-ready (before 1K users)",
        [ChecklistPhase.Scale] = "Scale (before 10K users)",
        [ChecklistPhase.AtScale] = "At scale (10K+ users)",
    };

    /// <summary>All items, phase by phase, in the chapter's order.</summary>
    public static IReadOnlyList<ChecklistItem> Items { get; } =
    [
        new("managed_db_backups", ChecklistPhase.Foundation, "Managed DB with automated backups"),
        new("basic_monitoring", ChecklistPhase.Foundation, "Basic monitoring (uptime, errors, latency)", ChecklistSignal.MonitoringReachable),
        new("ci_cd", ChecklistPhase.Foundation, "CI/CD", ChecklistSignal.CiCdInUse),
        new("https_security_headers", ChecklistPhase.Foundation, "HTTPS and security headers"),
        new("log_aggregation", ChecklistPhase.Foundation, "Log aggregation"),
        new("db_connection_pooling", ChecklistPhase.Foundation, "DB connection pooling", ChecklistSignal.ConnectionPoolerPresent),
        new("static_assets_cdn", ChecklistPhase.Foundation, "Static assets on CDN"),

        new("redis_cache", ChecklistPhase.GrowthReady, "Redis cache for hot data", ChecklistSignal.CachePresent),
        new("background_jobs", ChecklistPhase.GrowthReady, "Background jobs", ChecklistSignal.BackgroundJobsRunning),
        new("read_replica", ChecklistPhase.GrowthReady, "Read replica for reporting", ChecklistSignal.ReplicaPresent),
        new("app_autoscaling", ChecklistPhase.GrowthReady, "App-server auto-scaling"),
        new("structured_logs", ChecklistPhase.GrowthReady, "Structured logs with correlation IDs"),
        new("error_tracking", ChecklistPhase.GrowthReady, "Error tracking"),
        new("load_test_5x", ChecklistPhase.GrowthReady, "Load test at 5x current traffic"),

        new("multi_az", ChecklistPhase.Scale, "Multi-AZ"),
        new("query_performance_dashboard", ChecklistPhase.Scale, "DB query performance dashboard"),
        new("distributed_tracing", ChecklistPhase.Scale, "Distributed tracing"),
        new("rate_limiting", ChecklistPhase.Scale, "Rate limiting and abuse prevention"),
        new("alerting_on_call", ChecklistPhase.Scale, "Automated alerting with on-call"),
        new("disaster_recovery_tested", ChecklistPhase.Scale, "Tested disaster recovery"),
        new("cost_right_sizing", ChecklistPhase.Scale, "Cost right-sizing review"),

        new("service_decomposition", ChecklistPhase.AtScale, "Service decomposition at bottlenecks"),
        new("partitioning_sharding", ChecklistPhase.AtScale, "Partitioning or sharding strategy", ChecklistSignal.PartitioningOrSharding),
        new("edge_computing", ChecklistPhase.AtScale, "Edge computing for latency-sensitive paths"),
        new("capacity_planning", ChecklistPhase.AtScale, "Capacity planning and forecasting model"),
        new("chaos_engineering", ChecklistPhase.AtScale, "Chaos engineering"),
        new("multi_region", ChecklistPhase.AtScale, "Multi-region (if global)"),
        new("architecture_backed_slas", ChecklistPhase.AtScale, "SLAs backed by architecture"),
    ];
}
