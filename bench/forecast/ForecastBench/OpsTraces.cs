using System.Globalization;

namespace Dashboard.Bench.Forecast;

/// <summary>One operations trace, hourly, as the data set's protocol prepares it.</summary>
/// <param name="Name">The file name without ".csv".</param>
/// <param name="Start">The first hour kept.</param>
/// <param name="Hourly">Hourly means, gaps of at most 3 hours filled linearly.</param>
/// <param name="Horizon">48 hours, or 24 where 48 would leave less than 7 days of training behind 3 origins.</param>
internal sealed record OpsTrace(string Name, DateTime Start, double[] Hourly, int Horizon)
{
    public const int Origins = 3;
    public const int MinimumTrainingHours = 7 * 24;
    private const int SlotsPerHour = 12;
    private const int MaxFilledGapHours = 3;

    /// <summary>The (training, test) pairs of the three rolling origins, oldest first: the last horizon is the
    /// test of origin 3, origins 2 and 1 cut one and two horizons earlier.</summary>
    public IEnumerable<M4Series> Cases()
    {
        for (var origin = 1; origin <= Origins; origin++)
        {
            var end = Hourly.Length - ((Origins - origin) * Horizon);
            yield return new M4Series($"{Name}#{origin}", Hourly[..(end - Horizon)], Hourly[(end - Horizon)..end]);
        }
    }

    /// <summary>Every trace in <paramref name="directory"/>; traces too short for the protocol are reported and skipped.</summary>
    public static IReadOnlyList<OpsTrace> LoadAll(string directory, TextWriter log)
    {
        var traces = new List<OpsTrace>();
        foreach (var path in Directory.GetFiles(directory, "*.csv").Order(StringComparer.Ordinal))
        {
            var (start, hourly) = Hourly5Minute(path);
            var name = Path.GetFileNameWithoutExtension(path);
            var horizon = hourly.Length - (Origins * 48) >= MinimumTrainingHours ? 48 : 24;
            if (hourly.Length - (Origins * horizon) < MinimumTrainingHours)
            {
                log.WriteLine($"{name}: {hourly.Length} usable hours, fewer than 7 days of training behind 3 origins of 24 h: skipped");
                continue;
            }

            traces.Add(new OpsTrace(name, start, hourly, horizon));
        }

        return traces;
    }

    /// <summary>
    /// Hourly means of a 5-minute trace: an hour counts when its first and last 5-minute slots both have a sample and
    /// at least 75 % of its slots do; gaps of up to 3 hours are filled linearly; after a longer gap only the stretch
    /// after the last one is kept.
    /// </summary>
    public static (DateTime Start, double[] Hourly) Hourly5Minute(string path)
    {
        var slots = new SortedDictionary<DateTime, List<double>>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                continue;
            }

            var at = DateTime.Parse(line[..comma], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var value = double.Parse(line[(comma + 1)..], CultureInfo.InvariantCulture);
            var hour = new DateTime(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc);
            if (!slots.TryGetValue(hour, out var list))
            {
                slots[hour] = list = [.. new double[SlotsPerHour].Select(_ => double.NaN)];
            }

            var slot = at.Minute / 5;
            list[slot] = double.IsNaN(list[slot]) ? value : (list[slot] + value) / 2;
        }

        if (slots.Count == 0)
        {
            return (default, []);
        }

        var first = slots.Keys.First();
        var last = slots.Keys.Last();
        var hours = (int)(last - first).TotalHours + 1;
        var means = new double[hours];
        Array.Fill(means, double.NaN);
        foreach (var (hour, values) in slots)
        {
            var present = values.Count(v => !double.IsNaN(v));
            if (!double.IsNaN(values[0]) && !double.IsNaN(values[^1]) && present >= 0.75 * SlotsPerHour)
            {
                means[(int)(hour - first).TotalHours] = values.Where(v => !double.IsNaN(v)).Average();
            }
        }

        // Fill short gaps linearly; remember where the last long one ended.
        var keepFrom = 0;
        var i = 0;
        while (i < hours)
        {
            if (!double.IsNaN(means[i]))
            {
                i++;
                continue;
            }

            var gapStart = i;
            while (i < hours && double.IsNaN(means[i]))
            {
                i++;
            }

            var length = i - gapStart;
            if (gapStart == 0 || i == hours || length > MaxFilledGapHours)
            {
                keepFrom = i == hours ? keepFrom : i;
                continue;
            }

            var (before, after) = (means[gapStart - 1], means[i]);
            for (var k = 0; k < length; k++)
            {
                means[gapStart + k] = before + ((after - before) * (k + 1) / (length + 1));
            }
        }

        var end = hours;
        while (end > keepFrom && double.IsNaN(means[end - 1]))
        {
            end--;
        }

        return (first.AddHours(keepFrom), means[keepFrom..end]);
    }
}
