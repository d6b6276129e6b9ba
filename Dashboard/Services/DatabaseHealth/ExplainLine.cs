using System.Text.RegularExpressions;

namespace Dashboard.Services.DatabaseHealth;

/// <summary>
/// A copyable <c>EXPLAIN (ANALYZE, BUFFERS)</c> line for one pg_stat_statements entry. ANALYZE runs the
/// statement, so one that changes data is wrapped in a transaction that is rolled back.
/// </summary>
/// <remarks>
/// <c>Sql</c>: The line to run in psql.<br/>
/// <c>NeedsParameters</c>: The text holds $1, $2, …: pg_stat_statements replaced the constants, so real values must be filled in first.<br/>
/// <c>ChangesData</c>: INSERT, UPDATE, DELETE or MERGE (or a WITH containing one): wrapped in BEGIN … ROLLBACK.<br/>
/// </remarks>
public sealed partial record ExplainLine(string Sql, bool NeedsParameters, bool ChangesData)
{
    /// <summary>The line for <paramref name="query"/>, or null when EXPLAIN cannot run it (utility statements such as COPY, VACUUM or DDL).</summary>
    public static ExplainLine? For(string query)
    {
        var text = query.Trim().TrimEnd(';').TrimEnd();
        var keyword = FirstKeyword().Match(LeadingComments().Replace(text, "")) is { Success: true } m
            ? m.Groups["keyword"].Value.ToUpperInvariant()
            : "";
        bool changes;
        switch (keyword)
        {
            case "SELECT" or "VALUES" or "TABLE":
                changes = false;
                break;
            case "INSERT" or "UPDATE" or "DELETE" or "MERGE":
                changes = true;
                break;
            case "WITH":
                // A data-modifying CTE runs under ANALYZE too; when in doubt, roll back.
                changes = Writes().IsMatch(text);
                break;
            default:
                return null;
        }
        var needsParameters = Parameter().IsMatch(text);
        var explain = $"EXPLAIN (ANALYZE, BUFFERS) {text};";
        return new ExplainLine(changes ? $"BEGIN; {explain} ROLLBACK;" : explain, needsParameters, changes);
    }

    [GeneratedRegex(@"\A(\s*(--[^\n]*\n|/\*.*?\*/))*\s*", RegexOptions.Singleline)]
    private static partial Regex LeadingComments();

    [GeneratedRegex(@"\A[(\s]*(?<keyword>[A-Za-z]+)")]
    private static partial Regex FirstKeyword();

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|MERGE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Writes();

    [GeneratedRegex(@"\$\d+")]
    private static partial Regex Parameter();
}
