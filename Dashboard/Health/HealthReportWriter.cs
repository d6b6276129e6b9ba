using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Health;

/// <summary>Writes /health/ready as JSON: overall status, then each dependency by name with its state.</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            dependencies = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1) }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Options));
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
