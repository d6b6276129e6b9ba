namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Trait values that split the suite. A class marked <see cref="Stack"/> needs the real services that
/// <c>scripts/stack.sh</c> starts (PostgreSQL, Redis, Prometheus, Alertmanager, Chromium, promtool);
/// every other test runs on a bare machine with the .NET SDK alone:
/// <c>scripts/test.sh --fast</c>, that is <c>dotnet test --filter "Category!=Stack"</c>.
/// An architecture test keeps the marks honest.
/// </summary>
public static class TestCategories
{
    public const string Key = "Category";
    public const string Stack = "Stack";
}
