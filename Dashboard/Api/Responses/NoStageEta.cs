namespace Dashboard.Api.Responses;

/// <summary>What <c>GET /api/v1/stage/eta</c> answers while no active-users history is stored: only why.</summary>
public sealed record NoStageEta(string Message)
{
    public static readonly NoStageEta Answer = new("No active-users history is stored yet.");
}
