namespace Dashboard.Api.Responses;

/// <summary>What <c>PUT /api/v1/demo/load</c> answers: the demo's load multiplier now in force.</summary>
public sealed record DemoLoad(double Multiplier);
