namespace Dashboard.Tests.Infrastructure;

/// <summary>The checkout the tests run from (the folder holding Dashboard.sln).</summary>
public static class RepoPaths
{
    public static readonly string Root = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
