namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>One problem or warning found in an exposition; line 0 means the body as a whole.</summary>
public sealed record ExpositionProblem(int Line, string Message)
{
    /// <summary>"line N", or "body" for the body as a whole.</summary>
    public string Where => Line > 0 ? $"line {Line}" : "body";

    public override string ToString() => $"{Where}: {Message}";
}

/// <summary>
/// Everything a parse found: the families (of the lines it could read), the problems that make
/// it refuse the exposition, and the warnings about what it took although a format
/// specification forbids or advises against it.
/// </summary>
public sealed class ExpositionResult
{
    public required ExpositionFormat Format { get; init; }
    public required IReadOnlyList<MetricFamily> Families { get; init; }
    public required int SampleCount { get; init; }

    /// <summary>Why the exposition is refused, in line order; empty when it is valid.</summary>
    public required IReadOnlyList<ExpositionProblem> Problems { get; init; }

    /// <summary>What was taken all the same (as Prometheus takes it), in line order.</summary>
    public required IReadOnlyList<ExpositionProblem> Warnings { get; init; }

    /// <summary>Warnings past <see cref="ExpositionLimits.MaxProblems"/>, counted but not listed.</summary>
    public int UnlistedWarnings { get; init; }

    public bool IsValid => Problems.Count == 0;
}

/// <summary>An exposition rejected whole; the message names the first problem's line.</summary>
public sealed class ExpositionException : Exception
{
    public ExpositionException()
        : this([new ExpositionProblem(0, "invalid exposition")])
    {
    }

    public ExpositionException(string message)
        : this([new ExpositionProblem(0, message)])
    {
    }

    public ExpositionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new ExpositionProblem(0, message)];
    }

    public ExpositionException(IReadOnlyList<ExpositionProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<ExpositionProblem> Problems { get; }

    /// <summary>Line of the first problem (0: the body as a whole).</summary>
    public int Line => Problems.Count > 0 ? Problems[0].Line : 0;

    private static string Describe(IReadOnlyList<ExpositionProblem> problems) => problems.Count switch
    {
        0 => "invalid exposition",
        1 => $"invalid exposition: {problems[0]}",
        _ => $"invalid exposition: {problems[0]} (and {problems.Count - 1} more problem{(problems.Count == 2 ? "" : "s")})",
    };
}
