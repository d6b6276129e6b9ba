namespace Dashboard.Services.Reports;

/// <summary>The capacity report's services and job (one line in the host's composition).</summary>
internal static class ReportRegistration
{
    public static IServiceCollection AddDashboardReports(this IServiceCollection services)
    {
        services.AddScoped<IReportService, ReportService>();
        services.AddScoped<CapacityReportCollector>();
        services.AddScoped<ReportRenderer>();
        services.AddScoped<ReportBuilder>();
        services.AddTransient<ReportJob>();
        return services;
    }
}
