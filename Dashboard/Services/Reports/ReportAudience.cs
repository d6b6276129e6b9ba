using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Dashboard.Jobs.Security;

namespace Dashboard.Services.Reports;

/// <summary>Who a capacity report is written for. Only the owner's carries revenue figures.</summary>
public enum ReportAudience
{
    Owner,
    Pm,
}

/// <summary>Names, parsing and the role rules of <see cref="ReportAudience"/>.</summary>
public static class ReportAudiences
{
    public const string OwnerName = "owner";
    public const string PmName = "pm";

    public static IReadOnlyList<ReportAudience> All { get; } = [ReportAudience.Owner, ReportAudience.Pm];

    /// <summary>"owner" or "pm", as stored and as the API takes it.</summary>
    public static string Name(this ReportAudience audience) => audience == ReportAudience.Owner ? OwnerName : PmName;

    /// <summary>"Owner" or "PM", for people.</summary>
    public static string Label(this ReportAudience audience) => audience == ReportAudience.Owner ? "Owner" : "PM";

    /// <summary>Reads "owner" or "pm" (any case, surrounding blanks ignored).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ReportAudience audience)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case OwnerName:
                audience = ReportAudience.Owner;
                return true;
            case PmName:
                audience = ReportAudience.Pm;
                return true;
            default:
                audience = default;
                return false;
        }
    }

    /// <summary>Owners may ask for (and read) both; PMs and engineers the PM report only; nobody else any.</summary>
    public static bool MayUse(ClaimsPrincipal user, ReportAudience audience)
    {
        ArgumentNullException.ThrowIfNull(user);
        return audience == ReportAudience.Owner
            ? Roles.MaySeeRevenue(user)
            : user.IsInRole(Roles.Owner) || user.IsInRole(Roles.Pm) || user.IsInRole(Roles.Engineer);
    }

    /// <summary>The audiences <paramref name="user"/> may ask for and read.</summary>
    public static IReadOnlyList<string> VisibleTo(ClaimsPrincipal user) => [.. All.Where(a => MayUse(user, a)).Select(Name)];

    /// <summary>
    /// A principal in the audience's role, for reading shared data as that audience would: the business
    /// profile is shaped by role, so a PM report is built from a profile that never held revenue.
    /// </summary>
    public static ClaimsPrincipal Reader(this ReportAudience audience) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, $"report:{audience.Name()}"), new Claim(ClaimTypes.Role, audience == ReportAudience.Owner ? Roles.Owner : Roles.Pm)],
        authenticationType: "report"));
}
