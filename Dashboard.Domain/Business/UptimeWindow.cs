using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>
/// Availability measured over a window from <see cref="UptimeReading"/>s: the time-weighted share
/// up, how much of the window the readings cover, and the downtime inside the covered part.
/// Time no reading covers is unknown: it is neither up nor down, and <see cref="Coverage"/> says how much there is.
/// </summary>
/// <param name="From">Start of the window (inclusive).</param>
/// <param name="To">End of the window (exclusive).</param>
/// <param name="Uptime">Time-weighted share up over the covered time; null when nothing is covered.</param>
/// <param name="Covered">Time inside the window covered by at least one reading.</param>
/// <param name="Downtime">Unavailability times covered time: the downtime the readings show.</param>
/// <param name="Readings">How many readings fell (at least partly) inside the window.</param>
public sealed record UptimeWindow(DateTimeOffset From, DateTimeOffset To, Percent? Uptime, Duration Covered, Duration Downtime, int Readings)
{
    /// <summary>Below this share of the window covered, a window does not stand for its whole length (burn rates skip it).</summary>
    public const double MinimumCoverage = 0.5;

    /// <summary>The window's length.</summary>
    public TimeSpan Length => To - From;

    /// <summary>Share of the window covered by readings, 0 to 1.</summary>
    public double Coverage => Length > TimeSpan.Zero ? Math.Min(1, Covered.Value / Length) : 0;

    /// <summary>Whether the readings cover at least <see cref="MinimumCoverage"/> of the window.</summary>
    public bool IsRepresentative => Uptime is not null && Coverage >= MinimumCoverage;

    /// <summary>Bad time / covered time, 0 to 1; null when nothing is covered.</summary>
    public double? ErrorRatio => Uptime is { } up ? up.AsRatio.Complement.Value : null;

    /// <summary>
    /// Measures [<paramref name="from"/>, <paramref name="to"/>). Each reading counts for the part of
    /// it inside the window. Readings of several series may overlap: the share up is their
    /// time-weighted mean, and overlapping time is covered once (never counted twice as downtime).
    /// Throws <see cref="DomainValidationException"/> when the window does not end after it starts.
    /// </summary>
    /// <param name="readings">The readings, in any order, of one or more series.</param>
    /// <param name="from">Start of the window.</param>
    /// <param name="to">End of the window.</param>
    public static UptimeWindow Measure(IEnumerable<UptimeReading> readings, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (to <= from)
        {
            throw new DomainValidationException($"An uptime window must end after it starts, but ran from {from:O} to {to:O}.");
        }

        var clipped = new List<(DateTimeOffset Start, DateTimeOffset End, double Percent)>();
        foreach (var r in readings)
        {
            var start = r.Start > from ? r.Start : from;
            var end = r.End < to ? r.End : to;
            if (end > start)
            {
                clipped.Add((start, end, r.Percent));
            }
        }

        if (clipped.Count == 0)
        {
            return new UptimeWindow(from, to, null, Duration.Zero, Duration.Zero, 0);
        }

        double weighted = 0, weight = 0;
        foreach (var (start, end, percent) in clipped)
        {
            var seconds = (end - start).TotalSeconds;
            weighted += percent * seconds;
            weight += seconds;
        }

        var uptime = Percent.Of(Math.Clamp(weighted / weight, 0, 100));
        var covered = UnionLength(clipped);
        var downtime = Duration.Of(covered * uptime.AsRatio.Complement.Value);
        return new UptimeWindow(from, to, uptime, Duration.Of(covered), downtime, clipped.Count);
    }

    private static TimeSpan UnionLength(List<(DateTimeOffset Start, DateTimeOffset End, double Percent)> spans)
    {
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var total = TimeSpan.Zero;
        var (start, end) = (spans[0].Start, spans[0].End);
        foreach (var span in spans.Skip(1))
        {
            if (span.Start > end)
            {
                total += end - start;
                (start, end) = (span.Start, span.End);
            }
            else if (span.End > end)
            {
                end = span.End;
            }
        }

        return total + (end - start);
    }
}
