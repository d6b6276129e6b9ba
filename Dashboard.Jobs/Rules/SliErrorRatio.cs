namespace Dashboard.Jobs.Rules;

/// <summary>
/// The SLI as the rules need it: a PromQL expression answering the share of bad events (0..1) over its own
/// short window (the availability SLI's 5 minutes). The rules record it as it is and read every longer window
/// as the time-weighted mean of those readings (docs/decisions/022-prometheus-rules.md), so no second,
/// window-templated form of the query is needed and an overridden SLI query is followed as it is.
/// </summary>
/// <param name="Expression">PromQL answering the error ratio, 0..1.</param>
/// <param name="Window">The window the expression looks back over (its rate window).</param>
public sealed record SliErrorRatio(string Expression, TimeSpan Window)
{
    public string Expression { get; } = string.IsNullOrWhiteSpace(Expression)
        ? throw new ArgumentException("The SLI error-ratio expression must not be empty.", nameof(Expression))
        : Expression.Trim();

    public TimeSpan Window { get; } = Window > TimeSpan.Zero
        ? Window
        : throw new ArgumentOutOfRangeException(nameof(Window), Window, "The SLI's window must be positive.");
}
