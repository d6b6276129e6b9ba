using Dashboard.Domain.Health;

namespace Dashboard.Services;

/// <summary>Input problems as the errors dictionary of a validation problem+json (field -> messages).</summary>
public static class InputProblems
{
    /// <summary>The problems grouped by field; null when there are none.</summary>
    public static Dictionary<string, string[]>? ByField(IReadOnlyList<InputProblem> problems) =>
        problems.Count == 0 ? null : problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
}
