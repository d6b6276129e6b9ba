using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Dashboard.Tests.Rules;

/// <summary>A generated rule file read back with a YAML parser of its own, not the generator's types.</summary>
internal sealed class ParsedRules
{
    public List<Group> Groups { get; set; } = [];

    public sealed class Group
    {
        public string Name { get; set; } = "";
        public List<Rule> Rules { get; set; } = [];
    }

    public sealed class Rule
    {
        public string? Record { get; set; }
        public string? Alert { get; set; }
        public string Expr { get; set; } = "";
        public string? For { get; set; }

        [YamlMember(Alias = "keep_firing_for", ApplyNamingConventions = false)]
        public string? KeepFiringFor { get; set; }

        public Dictionary<string, string> Labels { get; set; } = [];
        public Dictionary<string, string> Annotations { get; set; } = [];
    }

    // Strict: a key this reader does not know fails the parse.
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static ParsedRules Parse(string yaml) => Yaml.Deserialize<ParsedRules>(yaml);

    public IEnumerable<Rule> All => Groups.SelectMany(g => g.Rules);

    public Group this[string name] => Groups.Single(g => g.Name == name);
}
