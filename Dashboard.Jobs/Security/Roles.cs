namespace Dashboard.Jobs.Security;

/// <summary>The four audiences, plus the machine principal that scrapes /metrics.</summary>
public static class Roles
{
    public const string Owner = "owner";
    public const string Engineer = "engineer";
    public const string Pm = "pm";
    public const string Designer = "designer";

    /// <summary>Prometheus and probes, authenticated by the scrape token; never a person.</summary>
    public const string Monitor = "monitor";

    public static readonly IReadOnlyList<string> People = [Owner, Engineer, Pm, Designer];

    /// <summary>Revenue figures (MRR, outage cost in money, revenue at risk) are for owners only.</summary>
    public static bool MaySeeRevenue(System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(Owner);
}
