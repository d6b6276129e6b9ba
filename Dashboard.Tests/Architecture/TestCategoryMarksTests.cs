using System.Reflection;
using Dashboard.Tests.Forecasting;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Architecture;

/// <summary>
/// The fast run (<c>scripts/test.sh --fast</c>, no services) trusts the Stack mark: a test class that
/// reaches the real services without it would fail there, and one marked without need would be skipped there.
/// </summary>
public sealed class TestCategoryMarksTests
{
    /// <summary>Fixtures that start or reach real services; a class that takes one needs the stack.</summary>
    private static readonly Type[] ServiceFixtures = [typeof(DashboardAppFactory), typeof(ParityPrometheus), typeof(Cluster.ClusterFixture)];

    private static IEnumerable<Type> TestClasses() => typeof(TestCategoryMarksTests).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethods().Any(m =>
            m.GetCustomAttributes<FactAttribute>(inherit: true).Any()));

    private static bool MarkedStack(Type type) => CustomAttributeData.GetCustomAttributes(type).Any(a => a.AttributeType == typeof(TraitAttribute) &&
            (string?)a.ConstructorArguments[0].Value == TestCategories.Key &&
            (string?)a.ConstructorArguments[1].Value == TestCategories.Stack);

    private static bool InStackCollection(Type type) => CustomAttributeData.GetCustomAttributes(type).Any(a =>
        a.AttributeType == typeof(CollectionAttribute) && (string?)a.ConstructorArguments[0].Value == StackCollection.Name);

    private static bool TakesServiceFixture(Type type) => type.GetConstructors()
        .SelectMany(c => c.GetParameters())
        .Any(p => ServiceFixtures.Contains(p.ParameterType));

    [Fact]
    public void EveryClassThatReachesTheServices_IsMarkedStack()
    {
        var unmarked = TestClasses()
            .Where(t => (InStackCollection(t) || TakesServiceFixture(t)) && !MarkedStack(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(unmarked.Count == 0,
            $"Add [Trait(TestCategories.Key, TestCategories.Stack)] to: {string.Join(", ", unmarked)}");
    }

    [Fact]
    public void TheFastRun_KeepsMostOfTheSuite()
    {
        var classes = TestClasses().ToList();
        var fast = classes.Count(t => !MarkedStack(t));

        // The marks split the suite: if every class were marked, the fast run would prove nothing.
        Assert.InRange(fast, classes.Count / 2, classes.Count - 1);
    }
}
