namespace Dashboard.Services.Config;

/// <summary>
/// One problem (or warning) in a configuration document, where it is: 1-based line and column, and the field as a
/// path (<c>resources[3].warning</c>, <c>sources.prometheus.url</c>; list indexes count from 0). A syntax error has
/// no field.
/// </summary>
public sealed record ConfigProblem(long Line, long Column, string Field, string Message)
{
    /// <summary>"line 12, resources[3].warning: message", the form the API, the log and the tests use.</summary>
    public override string ToString() =>
        Field.Length == 0 ? $"line {Line}, column {Column}: {Message}" : $"line {Line}, {Field}: {Message}";
}

/// <summary>Where each field of a document stands: path -> 1-based line and column, recorded while it is read.</summary>
public sealed class ConfigPositions
{
    private readonly Dictionary<string, (long Line, long Column)> positions = new(StringComparer.Ordinal);

    public void Record(string path, long line, long column) => positions.TryAdd(path, (line, column));

    /// <summary>Whether the document spelled this field out.</summary>
    public bool Has(string path) => positions.ContainsKey(path);

    /// <summary>
    /// A problem at <paramref name="path"/>, placed at the field when the document has it, else at the nearest
    /// enclosing field that it has (a missing "critical" is reported at its resource), else at line 1.
    /// </summary>
    public ConfigProblem At(string path, string message)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (positions.TryGetValue(p, out var at))
            {
                return new ConfigProblem(at.Line, at.Column, path, message);
            }
        }
        return new ConfigProblem(1, 1, path, message);
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
