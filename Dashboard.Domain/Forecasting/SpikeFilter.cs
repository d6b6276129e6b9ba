namespace Dashboard.Domain.Forecasting;

/// <summary>
/// Sets isolated spikes and dropouts aside before a model is fitted, so one bad hour cannot move a capacity date
/// (issue 15). A Hampel filter that looks both ways: each value is compared with the median of the
/// <see cref="HalfWindow"/> values before it and with the median of those after it, and its deviation is the smaller
/// of the two (one side at the ends); the deviations' own median, scaled to a standard deviation, is the series'
/// normal wobble. A value further than <see cref="Cutoff"/> of those from its neighbours'
/// median, in a run of at most <see cref="LongestRun"/> such values, is replaced by that median. A level shift is not
/// touched (after it, most neighbours sit on the new level), nor is a series whose "spikes" are its normal behaviour
/// (more than one flagged value in <see cref="RarestSpike"/> steps: then nothing is replaced). Gaps (NaN) stay gaps.
/// </summary>
public static class SpikeFilter
{
    /// <summary>Neighbours either side a value is compared with.</summary>
    public const int HalfWindow = 3;

    /// <summary>How many robust standard deviations from its neighbours' median make a value a spike.</summary>
    public const double Cutoff = 6;

    /// <summary>The longest run of consecutive flagged values still treated as a spike (two hourly steps: a one-hour
    /// event that straddles the hour); a longer run is a change of level, left alone.</summary>
    public const int LongestRun = 2;

    /// <summary>At most one spike per this many steps; a series flagged more often is bursty by nature and kept as is.</summary>
    public const int RarestSpike = 48;

    /// <summary>The series with its spikes replaced, and where they were.</summary>
    /// <param name="Values">The cleaned values (a copy; NaN where the input had a gap).</param>
    /// <param name="Replaced">Indexes of the replaced values, ascending.</param>
    public sealed record Result(double[] Values, IReadOnlyList<int> Replaced);

    /// <summary>Cleans <paramref name="values"/>; the input is not changed.</summary>
    /// <param name="values">The series on a regular grid, NaN for a missing step.</param>
    public static Result Clean(ReadOnlySpan<double> values) => Clean(values, []);

    /// <summary>Cleans <paramref name="values"/>, where a value that repeats what the series did one season before or
    /// after (a daily peak) is never a spike; the input is not changed.</summary>
    /// <param name="values">The series on a regular grid, NaN for a missing step.</param>
    /// <param name="periods">Season lengths in steps the series may have (24 for a daily season of hourly values).</param>
    public static Result Clean(ReadOnlySpan<double> values, IReadOnlyList<int> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var cleaned = values.ToArray();
        var n = cleaned.Length;
        if (n < (2 * HalfWindow) + 1)
        {
            return new Result(cleaned, []);
        }

        // Each value against the median of the values before it and of those after it (each side needs two): a spike
        // stands apart from both sides, the first value of a new level agrees with the side after it. At the ends only
        // one side exists, so a spike there is judged by the side it has.
        var deviation = new double[n];
        var deviations = new List<double>(n);
        Span<double> side = stackalloc double[HalfWindow];
        for (var i = 0; i < n; i++)
        {
            deviation[i] = double.NaN;
            if (double.IsNaN(cleaned[i]))
            {
                continue;
            }

            var before = SideMedian(cleaned, i, -1, side);
            var after = SideMedian(cleaned, i, +1, side);
            var fromBefore = Math.Abs(cleaned[i] - before);
            var fromAfter = Math.Abs(cleaned[i] - after);
            deviation[i] = (double.IsNaN(before), double.IsNaN(after)) switch
            {
                (true, true) => double.NaN,
                (true, false) => fromAfter,
                (false, true) => fromBefore,
                _ => Math.Min(fromBefore, fromAfter),
            };
            if (!double.IsNaN(deviation[i]))
            {
                deviations.Add(deviation[i]);
            }
        }

        if (deviations.Count == 0)
        {
            return new Result(cleaned, []);
        }

        var scale = 1.4826 * Median(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(deviations));
        if (!(scale > 0))
        {
            // A flat series (a constant, or integer counts that rarely change): its wobble is the mean deviation instead.
            var sum = 0.0;
            foreach (var d in deviations)
            {
                sum += d;
            }

            scale = 1.2533 * sum / deviations.Count;
            if (!(scale > 0))
            {
                return new Result(cleaned, []);
            }
        }

        var seasonal = periods.Where(m => m >= 2 && m < n).Select(m => (Period: m, Change: SeasonalChange(cleaned, m))).Where(p => p.Change.Scale > 0).ToList();
        var flagged = new bool[n];
        var flaggedCount = 0;
        for (var i = 0; i < n; i++)
        {
            if (deviation[i] > Cutoff * scale && !RepeatsASeason(cleaned, i, seasonal))
            {
                flagged[i] = true;
                flaggedCount++;
            }
        }

        if (flaggedCount == 0 || flaggedCount * RarestSpike > n)
        {
            return new Result(cleaned, []);
        }

        var replaced = new List<int>();
        for (var i = 0; i < n;)
        {
            if (!flagged[i])
            {
                i++;
                continue;
            }

            var end = i;
            while (end + 1 < n && flagged[end + 1])
            {
                end++;
            }

            if (end - i + 1 <= LongestRun)
            {
                for (var k = i; k <= end; k++)
                {
                    replaced.Add(k);
                }
            }

            i = end + 1;
        }

        // Replace after deciding, so one spike's median is never taken from another spike's replacement.
        foreach (var k in replaced)
        {
            cleaned[k] = ReplacementAt(values, flagged, k);
        }

        return new Result(cleaned, replaced);
    }

    // Whether the value is what the series did one season before or after, give or take the season's usual change
    // (a season's differences, centred on their median so a trend does not count, within Cutoff of their spread): a daily
    // peak stands apart from its neighbours every day, a spike only once.
    private static bool RepeatsASeason(double[] values, int index, List<(int Period, (double Center, double Scale) Change)> seasons)
    {
        foreach (var (m, (center, scale)) in seasons)
        {
            if (index - m >= 0 && !double.IsNaN(values[index - m]) && Math.Abs(values[index] - values[index - m] - center) <= Cutoff * scale)
            {
                return true;
            }

            if (index + m < values.Length && !double.IsNaN(values[index + m]) && Math.Abs(values[index + m] - values[index] - center) <= Cutoff * scale)
            {
                return true;
            }
        }

        return false;
    }

    // The median and robust spread (1.4826 × median absolute deviation) of the differences one season apart.
    private static (double Center, double Scale) SeasonalChange(double[] values, int m)
    {
        var differences = new List<double>(values.Length);
        for (var i = m; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]) && !double.IsNaN(values[i - m]))
            {
                differences.Add(values[i] - values[i - m]);
            }
        }

        if (differences.Count == 0)
        {
            return (0, 0);
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(differences);
        var center = Median(span);
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Math.Abs(span[i] - center);
        }

        return (center, 1.4826 * Median(span));
    }

    // The median of up to HalfWindow observed values on one side of index (direction -1 before, +1 after); NaN when
    // that side has fewer than two.
    private static double SideMedian(double[] values, int index, int direction, Span<double> scratch)
    {
        var count = 0;
        for (var j = index + direction; j >= 0 && j < values.Length && count < scratch.Length && Math.Abs(j - index) <= HalfWindow + 2; j += direction)
        {
            if (!double.IsNaN(values[j]))
            {
                scratch[count++] = values[j];
            }
        }

        return count < 2 ? double.NaN : Median(scratch[..count]);
    }

    // The median of the unflagged neighbours (the flagged ones are the spike itself).
    private static double ReplacementAt(ReadOnlySpan<double> values, bool[] flagged, int index)
    {
        Span<double> window = stackalloc double[(2 * (HalfWindow + LongestRun)) + 1];
        var count = 0;
        for (var j = Math.Max(0, index - HalfWindow - LongestRun); j <= Math.Min(values.Length - 1, index + HalfWindow + LongestRun) && count < window.Length; j++)
        {
            if (!flagged[j] && !double.IsNaN(values[j]))
            {
                window[count++] = values[j];
            }
        }

        return count == 0 ? values[index] : Median(window[..count]);
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
