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
