using Dashboard.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Tests.Compose;

/// <summary>
/// No Docker engine runs here, so the compose file is checked statically: it parses, has the
/// topology, and gives the app every setting it reads, pointing at services that exist.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] AppServices = ["web1", "web2", "worker1", "worker2"];
    private static readonly YamlMappingNode Root = Load();

    private static YamlMappingNode Load()
    {
        var repo = RepoPaths.Root;
        using var reader = new StreamReader(Path.Combine(repo, "compose", "docker-compose.yml"));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Services => (YamlMappingNode)Root["services"];

    private static Dictionary<string, string> Environment(string service)
    {
        var node = ((YamlMappingNode)Services[service]).Children.TryGetValue("environment", out var env) ? env : null;
        return node switch
        {
            YamlMappingNode map => Flatten(map),
            YamlSequenceNode list => list.Children.Select(c => c.ToString().Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""),
            _ => [],
        };
    }

    /// <summary>Resolves YAML merge keys (`&lt;&lt;: *anchor`), which compose uses for shared settings.</summary>
    private static Dictionary<string, string> Flatten(YamlMappingNode map)
    {
        var result = new Dictionary<string, string>();
        if (map.Children.TryGetValue("<<", out var merged) && merged is YamlMappingNode inherited)
        {
            foreach (var (key, value) in Flatten(inherited))
            {
                result[key] = value;
            }
        }
        foreach (var (key, value) in map.Children.Where(c => c.Key.ToString() != "<<"))
        {
            result[key.ToString()] = value.ToString();
        }
        return result;
    }

    [Theory]
    [InlineData("primary")]
    [InlineData("replica")]
    [InlineData("redis")]
    [InlineData("prometheus")]
    [InlineData("node-exporter")]
    [InlineData("postgres-exporter")]
    [InlineData("web1")]
    [InlineData("web2")]
    [InlineData("worker1")]
    [InlineData("worker2")]
    [InlineData("proxy")]
    [InlineData("alertmanager")]
    public void Topology_Service_Exists(string service) =>
        Assert.True(Services.Children.ContainsKey(service), $"compose has no service '{service}'");

    [Theory]
    [InlineData("web1", "Web")]
    [InlineData("web2", "Web")]
    [InlineData("worker1", "Worker")]
    [InlineData("worker2", "Worker")]
    public void AppService_Role_MatchesItsJob(string service, string role) =>
        Assert.Equal(role, Environment(service)["Dashboard__Role"], ignoreCase: true);

    [Theory]
    [InlineData("ConnectionStrings__Primary", "primary")]
    [InlineData("ConnectionStrings__Replica", "replica")]
    [InlineData("ConnectionStrings__Redis", "redis")]
    [InlineData("Prometheus__Url", "prometheus")]
    [InlineData("Alertmanager__Url", "alertmanager")]
    [InlineData("Observability__MetricsScrapeToken", null)]
    public void AppServices_Setting_PresentAndPointsAtExistingService(string key, string? host)
    {
        foreach (var service in AppServices)
        {
            var env = Environment(service);
            Assert.True(env.ContainsKey(key), $"{service} does not set {key}");
            if (host is not null)
            {
                Assert.Contains(host, env[key]);
                Assert.True(Services.Children.ContainsKey(host), $"{key} names '{host}', which is not a service");
            }
        }
    }

    [Fact]
    public void Secrets_NotInFile_ComeFromEnvironment()
    {
        foreach (var service in AppServices)
        {
            var env = Environment(service);
            Assert.Contains("${", env["Observability__MetricsScrapeToken"]);
            Assert.Contains("${", env["ConnectionStrings__Primary"]);
        }
    }

    [Fact]
    public void Ports_OnlyProxyPublishes()
    {
        var publishing = Services.Children
            .Where(s => ((YamlMappingNode)s.Value).Children.ContainsKey("ports"))
            .Select(s => s.Key.ToString())
            .ToList();

        Assert.Equal(["proxy"], publishing);
    }

    [Fact]
    public void DemoMode_OffInCompose()
    {
        foreach (var service in AppServices)
        {
            Assert.Equal("false", Environment(service).GetValueOrDefault("Dashboard__DemoMode", "false"), ignoreCase: true);
        }
    }

    [Fact]
    public void NginxConf_ClusterProfile_RunsTheSameFile_OnlyMarkedLinesDiffer()
    {
        var source = Path.Combine(RepoPaths.Root, "compose", "nginx.conf");
        var state = Path.Combine(Path.GetTempPath(), $"dashboard-nginx-{Guid.NewGuid():N}");
        try
        {
            var rendered = File.ReadAllLines(RunClusterScript("nginx-conf", "--state", state).Trim());
            var original = File.ReadAllLines(source);

            Assert.Equal(original.Length, rendered.Length);
            var differing = original.Zip(rendered).Where(p => p.First != p.Second).Select(p => p.First).ToList();
            Assert.Equal(6, differing.Count);
            Assert.All(differing, line => Assert.Contains("# cluster.sh:", line));
            Assert.DoesNotContain(rendered, line => line.Contains("web1:8080", StringComparison.Ordinal) || line.Contains("/dev/std", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(state))
            {
                Directory.Delete(state, recursive: true);
            }
        }
    }

    [Fact]
    public void AppServices_SameNamesAndRolesAsTheClusterScript()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "cluster.sh"));
        var roles = System.Text.RegularExpressions.Regex.Match(script, @"declare -A ROLE=\((?<map>[^)]*)\)").Groups["map"].Value;
        var cluster = System.Text.RegularExpressions.Regex.Matches(roles, @"\[(?<name>\w+)\]=(?<role>\w+)")
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["role"].Value);

        Assert.Equal(AppServices.Order(), cluster.Keys.Order());
        Assert.All(AppServices, s => Assert.Equal(cluster[s], Environment(s)["Dashboard__Role"], ignoreCase: true));
    }

    private static string RunClusterScript(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(Path.Combine(RepoPaths.Root, "scripts", "cluster.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"scripts/cluster.sh {string.Join(' ', args)} failed: {errors}");
        return output;
    }
}
