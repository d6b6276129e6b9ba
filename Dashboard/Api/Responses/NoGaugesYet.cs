using Dashboard.Jobs.Live;

namespace Dashboard.Api.Responses;

/// <summary>What <c>GET /api/v1/status</c> answers before any ingest pass stored a reading: no gauges, and why (no <c>publishedAt</c>).</summary>
public sealed record NoGaugesYet(IReadOnlyList<GaugeSnapshot> Gauges, string Note)
{
    public static readonly NoGaugesYet Answer = new([], "No ingest pass has stored a reading yet.");
}
