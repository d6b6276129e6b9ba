using Dashboard.Domain.Security;

namespace Dashboard.Tests.Domain.Security;

/// <summary>Groups from the identity provider to the product's roles (issue 17): several groups per role, the highest role wins, a default or none.</summary>
public sealed class GroupRoleMappingTests
{
    private static readonly string[] Roles = ["owner", "engineer", "pm", "designer"];

    private static GroupRoleMapping Mapping(string? defaultRole = null)
    {
        var (mapping, problems) = GroupRoleMapping.Create(Roles, new Dictionary<string, IReadOnlyList<string>>
        {
            ["owner"] = ["platform-leads"],
            ["engineer"] = ["sre-oncall", "backend", "3f2b6c1e-9a4d-4e55-8d0b-1c2d3e4f5a6b"],
            ["pm"] = ["product"],
            ["designer"] = ["design"],
        }, defaultRole);
        Assert.Empty(problems);
        return mapping!;
    }

    [Fact]
    public void Resolve_OneMappedGroup_GivesItsRole_AndSaysWhy()
    {
        var decision = Mapping().Resolve(["all-staff", "sre-oncall"]);

        Assert.Equal("engineer", decision.Role);
        Assert.Equal(["sre-oncall"], decision.MatchedGroups);
        Assert.Equal("engineer: member of sre-oncall", decision.Reason);
    }

    [Fact]
    public void Resolve_SeveralGroupsOfOneRole_AndAGuid_AllCount() =>
        Assert.Equal(["backend", "3f2b6c1e-9a4d-4e55-8d0b-1c2d3e4f5a6b"],
            Mapping().Resolve(["3f2b6c1e-9a4d-4e55-8d0b-1c2d3e4f5a6b", "backend"]).MatchedGroups);

    [Fact]
    public void Resolve_GroupsOfSeveralRoles_TheHighestWins_TheOthersAreNamed()
    {
        var decision = Mapping().Resolve(["design", "product", "platform-leads"]);

        Assert.Equal("owner", decision.Role);
        Assert.Equal("owner: member of platform-leads (also pm via product; designer via design; the highest role wins)", decision.Reason);
        Assert.Equal("engineer", Mapping().Resolve(["product", "backend"]).Role);
    }

    [Fact]
    public void Resolve_NoMappedGroup_NoDefault_NoRole_NamingTheGroupsSent()
    {
        var decision = Mapping().Resolve(["all-staff", "finance"]);

        Assert.Null(decision.Role);
        Assert.Equal("no role: the provider sent the groups all-staff, finance, none of them mapped, and there is no default role", decision.Reason);
        Assert.Equal("no role: the provider sent no groups, none of them mapped, and there is no default role", Mapping().Resolve([]).Reason);
    }

    [Fact]
    public void Resolve_NoMappedGroup_WithADefault_GetsTheDefault()
    {
        var decision = Mapping(defaultRole: "designer").Resolve(["all-staff"]);

        Assert.Equal("designer", decision.Role);
        Assert.StartsWith("designer: the default role", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ComparesGroupsExactly() =>
        Assert.Null(Mapping().Resolve(["SRE-Oncall", " sre-oncall"]).Role);

    [Fact]
    public void Create_NoGroupsListed_EachRoleIsGrantedByAGroupOfItsName()
    {
        var (mapping, problems) = GroupRoleMapping.Create(Roles, null, null);

        Assert.Empty(problems);
        Assert.Equal("pm", mapping!.Resolve(["pm", "designer"]).Role);
        Assert.Equal(["owner"], mapping.Rules[0].Groups);
    }

    [Fact]
    public void Create_UnknownRole_BadDefault_BlankGroup_AreNamed()
    {
        var (mapping, problems) = GroupRoleMapping.Create(Roles, new Dictionary<string, IReadOnlyList<string>>
        {
            ["admin"] = ["it"],
            ["engineer"] = ["sre", " "],
        }, "superuser");

        Assert.Null(mapping);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("'admin', which does not exist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Auth:Oidc:RoleMapping:engineer lists an empty group name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Auth:Oidc:DefaultRole is 'superuser'", StringComparison.Ordinal));
    }
}
