using Dashboard.Jobs.Security;

namespace Dashboard.Auth;

/// <summary>
/// Who may open what. Pages, navigation, API endpoints and hub methods all use these, so the
/// menu never offers a page the server would refuse.
/// </summary>
public static class Policies
{
    public const string Overview = "overview";
    public const string Owner = "owner-view";
    public const string Engineer = "engineer-view";
    public const string Pm = "pm-view";
    public const string Designer = "designer-view";
    public const string Checklist = "checklist";
    public const string Settings = "settings";
    public const string Operations = "operations";
    public const string Telemetry = "telemetry";
    public const string Forecasts = "forecasts";

    /// <summary>Roles allowed by each policy. Owners see everything.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [Overview] = [Roles.Owner, Roles.Engineer, Roles.Pm, Roles.Designer],
        [Owner] = [Roles.Owner],
        [Engineer] = [Roles.Owner, Roles.Engineer],
        [Pm] = [Roles.Owner, Roles.Pm, Roles.Engineer],
        [Designer] = [Roles.Owner, Roles.Designer, Roles.Pm, Roles.Engineer],
        [Checklist] = [Roles.Owner, Roles.Engineer, Roles.Pm],
        [Settings] = [Roles.Owner, Roles.Engineer],
        [Operations] = [Roles.Owner, Roles.Engineer],
        [Telemetry] = [Roles.Owner, Roles.Engineer, Roles.Monitor],
        [Forecasts] = [Roles.Owner, Roles.Pm, Roles.Engineer],
    };
}
