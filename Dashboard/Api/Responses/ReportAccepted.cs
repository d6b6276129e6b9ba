namespace Dashboard.Api.Responses;

/// <summary>The 202 body of <c>POST /api/v1/reports</c>: the queued report, to follow at <c>/api/v1/reports/{reportId}</c>.</summary>
public sealed record ReportAccepted(Guid ReportId, string State, string Audience);
