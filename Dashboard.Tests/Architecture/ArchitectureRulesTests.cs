using System.Reflection;
using System.Runtime.InteropServices;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace Dashboard.Tests.Architecture;

/// <summary>
/// The dependency rules of docs/decisions/019-architecture-rules.md, read from the compiled
/// assemblies: references point one way (Dashboard -> Dashboard.Jobs -> Dashboard.Domain), the
/// Domain uses the BCL only, components reach data through services, and services never name a component.
/// </summary>
public sealed class ArchitectureRulesTests
{
    private static readonly Assembly Domain = typeof(Percent).Assembly;
    private static readonly Assembly Jobs = typeof(DashboardDbContext).Assembly;
    private static readonly Assembly Web = typeof(Program).Assembly;

    /// <summary>The data-access types a component must not name: it asks a service instead.</summary>
    private static readonly string[] DataAccess =
    [
        typeof(DashboardDbContext).FullName!,
        typeof(ReadDbContext).FullName!,
        typeof(IDbContextFactory<>).FullName!,
    ];

    /// <summary>The web host's UI stack, which the job pipeline must not use.</summary>
    private static readonly string[] WebOnlyAssemblies = ["Dashboard", "MudBlazor"];
    private static readonly string[] WebOnlyAssemblyPrefixes = ["Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.SignalR"];

    /// <summary>
    /// The composition root maps the root component (App) and its render modes; it is where the web
    /// host is wired, not a service.
    /// </summary>
    private static readonly string[] CompositionRoot = ["Dashboard.Hosting", "Program"];

    [Fact]
    public void Domain_ReferencesOnlyTheBaseClassLibrary()
    {
        // The BCL is what ships in Microsoft.NETCore.App, the shared framework this test runs on.
        var bcl = RuntimeEnvironment.GetRuntimeDirectory();
        var outside = Domain.GetReferencedAssemblies()
            .Where(a => !File.Exists(Path.Combine(bcl, a.Name + ".dll")))
            .Select(a => a.Name)
            .ToList();

        Assert.True(outside.Count == 0, $"Dashboard.Domain references {string.Join(", ", outside)}: the Domain may use the BCL only");
    }

    [Fact]
    public void Domain_TypesNameNothingOfTheOtherProjects()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny("Dashboard.Jobs", "Dashboard.Components", "Dashboard.Services", "Dashboard.Api", "Dashboard.Hosting",
                "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions", "Npgsql", "StackExchange", "Hangfire", "MudBlazor")
            .GetResult();

        Assert.True(result.IsSuccessful, Failing("Domain types depend on another layer or a package", result));
    }

    [Fact]
    public void Jobs_ReferencesNeitherTheWebHostNorItsUi()
    {
        var web = Jobs.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => WebOnlyAssemblies.Contains(n) || WebOnlyAssemblyPrefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal)))
            .ToList();

        Assert.True(web.Count == 0, $"Dashboard.Jobs references {string.Join(", ", web)}: the pipeline must not depend on the web host");
    }

    [Fact]
    public void Jobs_TypesNameNoWebHostNamespace()
    {
        var result = Types.InAssembly(Jobs).ShouldNot()
            .HaveDependencyOnAny([.. WebNamespaces(), .. WebOnlyAssemblyPrefixes, "MudBlazor"])
            .GetResult();

        Assert.True(result.IsSuccessful, Failing("Jobs types depend on the web host", result));
    }

    [Fact]
    public void Components_NeverTouchTheDbContext()
    {
        var components = ComponentDefinitions();
        Assert.True(components.Count > 50, $"only {components.Count} components found: the rule would pass vacuously");

        var offenders = components
            .Where(t => TypeDependencies.Of(t).Overlaps(DataAccess))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(offenders.Count == 0, $"components that use the DbContext directly (move the query into a service): {string.Join(", ", offenders)}");
    }

    [Fact]
    public void DependencyReader_SeesGenericsClosuresAndStateMachines()
    {
        // Controls, so the rules above and below are not blind: a service reading through
        // IDbContextFactory<ReadDbContext> in an async method, and a generic method argument inside one.
        var module = TypeDependencies.Load(Web);

        Assert.Contains(typeof(ReadDbContext).FullName!, TypeDependencies.Of(module.GetType(typeof(Dashboard.Services.BusinessProfileService).FullName)));
        Assert.Contains(typeof(IDbContextFactory<>).FullName!, TypeDependencies.Of(module.GetType(typeof(Dashboard.Services.BusinessProfileService).FullName)));
        Assert.Contains(typeof(Dashboard.Services.BusinessSummaryService).FullName!, TypeDependencies.Of(module.GetType("Dashboard.Components.Pages.OwnerView")));
    }

    [Fact]
    public void Services_NeverDependOnAComponent()
    {
        var components = ComponentDefinitions();
        var componentNames = components.Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);

        var offenders = TypeDependencies.Load(Web).Types
            .Where(t => !componentNames.Contains(t.FullName) && IsServiceCode(t))
            .Select(t => (t.FullName, Uses: TypeDependencies.Of(t).Where(componentNames.Contains).ToList()))
            .Where(x => x.Uses.Count > 0)
            .Select(x => $"{x.FullName} -> {string.Join(", ", x.Uses)}")
            .ToList();

        Assert.True(offenders.Count == 0, $"non-component classes depend on a component type: {string.Join("; ", offenders)}");
    }

    /// <summary>Top-level types of the web host that derive from ComponentBase (nested types are read with them).</summary>
    private static List<Mono.Cecil.TypeDefinition> ComponentDefinitions()
    {
        var names = Web.GetTypes().Where(t => typeof(ComponentBase).IsAssignableFrom(t) && !t.IsAbstract && !t.IsNested).Select(t => t.FullName!).ToHashSet();
        return [.. TypeDependencies.Load(Web).Types.Where(t => names.Contains(t.FullName))];
    }

    /// <summary>Not Razor's generated helpers, not the composition root.</summary>
    private static bool IsServiceCode(Mono.Cecil.TypeDefinition type) =>
        !type.Namespace.StartsWith("__Blazor", StringComparison.Ordinal)
        && !CompositionRoot.Any(r => type.FullName == r || type.FullName.StartsWith(r + ".", StringComparison.Ordinal))
        && type.FullName != "<Module>";

    private static string[] WebNamespaces() =>
        [.. Web.GetTypes().Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith("Dashboard", StringComparison.Ordinal)).Distinct()];

    private static string Failing(string what, TestResult result) =>
        $"{what}: {string.Join(", ", result.FailingTypeNames ?? [])}";
}
