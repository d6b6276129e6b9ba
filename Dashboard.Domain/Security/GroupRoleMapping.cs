namespace Dashboard.Domain.Security;

/// <summary>
/// The product role of a person who signs in through the company's identity provider, from the groups the provider
/// sends (as Grafana's role mapping does): each role lists the groups that grant it (several groups may grant one
/// role, a group may be a name or an id such as a GUID, compared exactly); a person in several mapped groups gets the
/// highest of their roles; a person in none gets the default role, or no role at all when there is none.
/// </summary>
public sealed class GroupRoleMapping
{
    private readonly IReadOnlyList<string> rolesHighestFirst;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> groupsByRole;

    private GroupRoleMapping(IReadOnlyList<string> rolesHighestFirst, IReadOnlyDictionary<string, IReadOnlyList<string>> groupsByRole, string? defaultRole)
    {
        this.rolesHighestFirst = rolesHighestFirst;
        this.groupsByRole = groupsByRole;
        DefaultRole = defaultRole;
    }

    /// <summary>The role of a person in no mapped group; null: such a person has no role and is refused.</summary>
    public string? DefaultRole { get; }

    /// <summary>Each role with the groups that grant it, highest role first (for the Settings page).</summary>
    public IReadOnlyList<(string Role, IReadOnlyList<string> Groups)> Rules =>
        [.. rolesHighestFirst.Select(r => (r, groupsByRole.GetValueOrDefault(r) ?? []))];

    /// <summary>
    /// Checks a mapping as configured. With no group listed for any role, each role is granted by a group of its own
    /// name ("owner", "engineer", …), for a provider that sends the product's role names as they are.
    /// </summary>
    /// <param name="rolesHighestFirst">The product's roles, the one that may do most first.</param>
    /// <param name="groupsByRole">Role name to the groups that grant it, as configured.</param>
    /// <param name="defaultRole">The role of a person in no mapped group; empty or null for none.</param>
    public static (GroupRoleMapping? Mapping, IReadOnlyList<string> Problems) Create(
        IReadOnlyList<string> rolesHighestFirst, IReadOnlyDictionary<string, IReadOnlyList<string>>? groupsByRole, string? defaultRole)
    {
        ArgumentNullException.ThrowIfNull(rolesHighestFirst);
        var problems = new List<string>();
        var known = new HashSet<string>(rolesHighestFirst, StringComparer.Ordinal);
        var mapped = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (role, groups) in groupsByRole ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            if (!known.Contains(role))
            {
                problems.Add($"Auth:Oidc:RoleMapping names the role '{role}', which does not exist; the roles are {string.Join(", ", rolesHighestFirst)}.");
                continue;
            }
            var blank = groups.Count(string.IsNullOrWhiteSpace);
            if (blank > 0)
            {
                problems.Add($"Auth:Oidc:RoleMapping:{role} lists an empty group name.");
            }
            mapped[role] = [.. groups.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim()).Distinct(StringComparer.Ordinal)];
        }
        var fallback = string.IsNullOrWhiteSpace(defaultRole) ? null : defaultRole.Trim();
        if (fallback is not null && !known.Contains(fallback))
        {
            problems.Add($"Auth:Oidc:DefaultRole is '{fallback}', which is not a role; use one of {string.Join(", ", rolesHighestFirst)}, or leave it empty to refuse people in no mapped group.");
        }
        if (mapped.Values.All(g => g.Count == 0))
        {
            mapped = rolesHighestFirst.ToDictionary(r => r, r => (IReadOnlyList<string>)[r], StringComparer.Ordinal);
        }
        return problems.Count > 0 ? (null, problems) : (new GroupRoleMapping(rolesHighestFirst, mapped, fallback), problems);
    }

    /// <summary>The role for a person in <paramref name="groups"/>, with the reason in words.</summary>
    public RoleDecision Resolve(IEnumerable<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var member = groups.Where(g => !string.IsNullOrWhiteSpace(g)).ToHashSet(StringComparer.Ordinal);
        var granted = rolesHighestFirst
            .Select(role => (Role: role, Via: (groupsByRole.GetValueOrDefault(role) ?? []).Where(member.Contains).ToList()))
            .Where(r => r.Via.Count > 0)
            .ToList();
        if (granted.Count > 0)
        {
            var (role, via) = granted[0];
            var also = granted.Skip(1).Select(g => $"{g.Role} via {string.Join(", ", g.Via)}").ToList();
            return new RoleDecision(role, via,
                $"{role}: member of {string.Join(", ", via)}" + (also.Count > 0 ? $" (also {string.Join("; ", also)}; the highest role wins)" : ""));
        }
        var seen = member.Count == 0 ? "no groups" : $"the groups {string.Join(", ", member.Order(StringComparer.Ordinal))}";
        return DefaultRole is { } role2
            ? new RoleDecision(role2, [], $"{role2}: the default role (the provider sent {seen}, none of them mapped)")
            : new RoleDecision(null, [], $"no role: the provider sent {seen}, none of them mapped, and there is no default role");
    }
}

/// <summary>A person's role from their groups: the role (null: none), the groups that granted it, and why, in words.</summary>
public sealed record RoleDecision(string? Role, IReadOnlyList<string> MatchedGroups, string Reason);
