namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>Metric types of both formats; the classic format's "untyped" is <see cref="Unknown"/>.</summary>
public enum MetricType
{
    Unknown,
    Counter,
    Gauge,
    Histogram,
    GaugeHistogram,
    Summary,
    Info,
    StateSet,
}

/// <summary>One label of a sample, unescaped.</summary>
public readonly record struct Label(string Name, string Value);

/// <summary>
/// One sample line. Labels are a slice of an array the parser shares between samples (no
/// array per sample). Value may be NaN or ±Inf; Timestamp is null when the line had none.
/// </summary>
public readonly record struct Sample
{
    // Ticks since the epoch, or long.MinValue for none: half the size of a DateTimeOffset?.
    private readonly long timestampTicks;

    public Sample(string name, ReadOnlyMemory<Label> labels, double value, DateTimeOffset? timestamp, int line)
    {
        Name = name;
        Labels = labels;
        Value = value;
        timestampTicks = timestamp?.UtcTicks ?? long.MinValue;
        Line = line;
    }

    public string Name { get; init; }
    public ReadOnlyMemory<Label> Labels { get; init; }
    public double Value { get; init; }
    public int Line { get; init; }

    /// <summary>The sample's own timestamp (UTC), or null when the line had none.</summary>
    public DateTimeOffset? Timestamp => timestampTicks == long.MinValue ? null : new DateTimeOffset(timestampTicks, TimeSpan.Zero);

    /// <summary>The value of the named label, or null when the sample has no such label.</summary>
    public string? GetLabel(string name)
    {
        foreach (var label in Labels.Span)
        {
            if (label.Name == name)
            {
                return label.Value;
            }
        }
        return null;
    }
}

/// <summary>A metric family: its descriptors and its samples in exposition order.</summary>
public sealed record MetricFamily(string Name, MetricType Type, string? Help, string? Unit, ReadOnlyMemory<Sample> Samples, int Line);

/// <summary>One problem found in an exposition; line 0 means the body as a whole.</summary>
public sealed record ExpositionProblem(int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : $"body: {Message}";
}

/// <summary>Everything a parse found: the families (of the valid lines) and the problems.</summary>
public sealed class ExpositionResult
{
    public required ExpositionFormat Format { get; init; }
    public required IReadOnlyList<MetricFamily> Families { get; init; }
    public required int SampleCount { get; init; }
    public required IReadOnlyList<ExpositionProblem> Problems { get; init; }
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
