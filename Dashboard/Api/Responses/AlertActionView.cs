using Dashboard.Services.Alerts;

namespace Dashboard.Api.Responses;

/// <summary>What an acknowledgement or a silence answers: the alert as it is now, and Alertmanager's refusal when it gave one.</summary>
public sealed record AlertActionView(AlertView? Alert, string? AlertmanagerError);
