using Dashboard.Services.Reports;

namespace Dashboard.Api.Responses;

/// <summary>What <c>GET /api/v1/reports</c> answers: the recent reports the caller may read, newest first.</summary>
public sealed record ReportList(IReadOnlyList<ReportView> Reports);
