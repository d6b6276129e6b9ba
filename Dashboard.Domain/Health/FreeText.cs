namespace Dashboard.Domain.Health;

/// <summary>
/// What every free-text input (a note, a reason) must look like: no control characters other than
/// tab and line breaks (<see cref="Security.InputLimits.IndexOfControlCharacter"/>), and at most a
/// given length once trimmed.
/// </summary>
public static class FreeText
{
    /// <summary>The problem with an optional free-text field; null when it is absent or valid.</summary>
    /// <param name="field">The field's name as the API spells it.</param>
    /// <param name="label">The field's name in a sentence ("Silence reason").</param>
    /// <param name="text">The text, or null.</param>
    /// <param name="maxLength">The most characters allowed once trimmed.</param>
    public static InputProblem? Check(string field, string label, string? text, int maxLength)
    {
        if (text is null)
        {
            return null;
        }
        if (Security.InputLimits.IndexOfControlCharacter(text, multiLine: true) is var at and >= 0)
        {
            return new(field, $"{label} must not contain control characters, but has U+{(int)text[at]:X4} at position {at + 1}.");
        }
        var length = text.Trim().Length;
        return length > maxLength ? new(field, $"{label} must be at most {maxLength} characters, but has {length}.") : null;
    }
}
