namespace Dashboard.Domain.Security;

/// <summary>
/// The general limits every input of the API meets (docs/decisions/026-input-limits-and-source-secrets.md):
/// a bounded length, no control characters (line breaks only where a field is multi-line), finite
/// numbers of a sane size. Field rules (a column's size, a range) come on top.
/// </summary>
public static class InputLimits
{
    /// <summary>The longest URL accepted anywhere (source URLs, scrape targets).</summary>
    public const int UrlLength = 2048;

    /// <summary>The longest secret (token, password) accepted.</summary>
    public const int SecretLength = 4096;

    /// <summary>The longest connection string accepted.</summary>
    public const int ConnectionStringLength = 4096;

    /// <summary>The longest text of any field without a rule of its own.</summary>
    public const int TextLength = 65_536;

    /// <summary>The largest magnitude of any number without a rule of its own.</summary>
    public const double NumberMagnitude = 1e15;

    /// <summary>A control character other than a line break or tab (those only where <paramref name="multiLine"/>).</summary>
    public static bool HasControlCharacters(string value, bool multiLine = false) => IndexOfControlCharacter(value, multiLine) >= 0;

    /// <summary>
    /// Where the first control character is (line breaks and tab allowed where <paramref name="multiLine"/>), or -1.
    /// PostgreSQL text cannot hold NUL; the others corrupt logs, tables and reports.
    /// </summary>
    public static int IndexOfControlCharacter(string value, bool multiLine = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]) && !(multiLine && value[i] is '\n' or '\r' or '\t'))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>What is wrong with a text field, or null: too long, or a control character.</summary>
    public static string? CheckText(string field, string value, int maxLength, bool multiLine = false)
    {
        if (value.Length > maxLength)
        {
            return FormattableString.Invariant($"{field} is {value.Length:N0} characters long; the limit is {maxLength:N0}.");
        }
        var at = IndexOfControlCharacter(value, multiLine);
        if (at >= 0)
        {
            var found = FormattableString.Invariant($"found U+{(int)value[at]:X4} at position {at + 1}");
            return multiLine
                ? $"{field} must not contain control characters other than line breaks and tabs ({found})."
                : $"{field} must not contain control characters such as line breaks, tabs or NUL ({found}).";
        }
        return null;
    }

    /// <summary>What is wrong with a number, or null: not finite, or beyond ±<paramref name="magnitude"/>.</summary>
    public static string? CheckNumber(string field, double value, double magnitude = NumberMagnitude) =>
        !double.IsFinite(value) ? $"{field} must be a finite number."
        : Math.Abs(value) >= magnitude ? FormattableString.Invariant($"{field} must be less than {magnitude:G} in size (got {value:G}).")
        : null;

    /// <summary>Text cut to fit a column of <paramref name="maxLength"/> characters (a stored message must never overflow it).</summary>
    public static string Clip(string value, int maxLength) =>
        value.Length <= maxLength ? value : value[..Math.Max(0, maxLength - 1)] + "…";
}
