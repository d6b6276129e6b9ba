namespace Dashboard.Bench.Forecast;

/// <summary>
/// Made-up but plausible capacity metrics at a fixed step: level + trend + daily and weekly season +
/// noise, with some flat series, step changes, sawtooth disk usage and gaps. Series <c>i</c> depends
/// only on (seed, i), so a run is reproducible whatever the thread schedule.
/// </summary>
internal static class SyntheticSeries
{
    /// <summary>What a series looks like, for the report.</summary>
    public enum Shape
    {
        Seasonal,
        Percent,
        Growth,
        Sawtooth,
        LevelShift,
        Flat,
    }

    /// <summary>Fills <paramref name="values"/> with series <paramref name="index"/>; NaN marks gaps.</summary>
    /// <returns>The shape and whether gaps were cut in.</returns>
    public static (Shape Shape, bool Gaps) Fill(int seed, int index, Span<double> values, TimeSpan step)
    {
        var rng = new Random(unchecked((seed * 1_000_003) + index));
        var stepsPerDay = (int)(TimeSpan.FromDays(1) / step);
        var roll = rng.NextDouble();
        var shape = roll switch
        {
            < 0.45 => Shape.Seasonal,
            < 0.60 => Shape.Percent,
            < 0.72 => Shape.Growth,
            < 0.80 => Shape.Sawtooth,
            < 0.90 => Shape.LevelShift,
            _ => Shape.Flat,
        };

        var level = Math.Exp(rng.NextDouble() * 12); // 1 .. 160,000: requests/s, bytes, connections
        switch (shape)
        {
            case Shape.Flat:
                values.Fill(rng.NextDouble() < 0.5 ? 0 : Math.Round(level));
                break;
            case Shape.Percent:
                FillSeasonal(rng, values, stepsPerDay, 5 + (rng.NextDouble() * 60), clampHigh: 100);
                break;
            case Shape.Growth:
                FillGrowth(rng, values, stepsPerDay, level, cleanups: false);
                break;
            case Shape.Sawtooth:
                FillGrowth(rng, values, stepsPerDay, level, cleanups: true);
                break;
            default:
                FillSeasonal(rng, values, stepsPerDay, level, clampHigh: double.PositiveInfinity);
                break;
        }

        if (shape == Shape.LevelShift)
        {
            var at = rng.Next(values.Length / 4, values.Length);
            var factor = 0.5 + (rng.NextDouble() * 1.5);
            for (var t = at; t < values.Length; t++)
            {
                values[t] *= factor;
            }
        }

        var gaps = rng.NextDouble() < 0.25;
        if (gaps)
        {
            CutGaps(rng, values, stepsPerDay);
        }

        return (shape, gaps);
    }

    private static void FillSeasonal(Random rng, Span<double> values, int stepsPerDay, double level, double clampHigh)
    {
        var trendPerDay = level * (rng.NextDouble() - 0.4) * 0.01; // mostly growing, up to 1 % a day
        var daily = level * (0.1 + (rng.NextDouble() * 0.5));
        var weekly = level * rng.NextDouble() * 0.25;
        var noise = level * (0.02 + (rng.NextDouble() * 0.1));
        var phase = rng.NextDouble() * 2 * Math.PI;
        var stepsPerWeek = 7 * stepsPerDay;
        Span<double> dayShape = stackalloc double[stepsPerDay];
        for (var s = 0; s < stepsPerDay; s++)
        {
            var day = 2 * Math.PI * s / stepsPerDay;
            dayShape[s] = daily * (Math.Sin(day + phase) + (0.4 * Math.Sin((2 * day) + phase)));
        }

        for (var t = 0; t < values.Length; t++)
        {
            var dayOfWeek = t % stepsPerWeek / stepsPerDay;
            var value = level
                + (trendPerDay * t / stepsPerDay)
                + dayShape[t % stepsPerDay]
                - (dayOfWeek >= 5 ? weekly : 0)
                + (noise * Gaussian(rng));
            values[t] = Math.Clamp(value, 0, clampHigh);
        }
    }

    private static void FillGrowth(Random rng, Span<double> values, int stepsPerDay, double level, bool cleanups)
    {
        var growthPerStep = level * (0.002 + (rng.NextDouble() * 0.02)) / stepsPerDay;
        var noise = level * 0.002;
        var value = level;
        for (var t = 0; t < values.Length; t++)
        {
            value += growthPerStep * (1 + (0.5 * Gaussian(rng)));
            if (cleanups && rng.NextDouble() < 1.0 / (7 * stepsPerDay))
            {
                value = level * (0.9 + (0.1 * rng.NextDouble())); // a weekly-ish log rotation or purge
            }

            values[t] = Math.Max(0, value + (noise * Gaussian(rng)));
        }
    }

    private static void CutGaps(Random rng, Span<double> values, int stepsPerDay)
    {
        var count = 1 + rng.Next(6);
        for (var g = 0; g < count; g++)
        {
            // Mostly scrape outages of minutes to hours; now and then a lost day.
            var length = rng.NextDouble() < 0.15 ? stepsPerDay : 1 + rng.Next(stepsPerDay / 4);
            var at = rng.Next(0, values.Length - length);
            values.Slice(at, length).Fill(double.NaN);
        }

        if (rng.NextDouble() < 0.2)
        {
            // A target that was added later: nothing before it existed.
            values[..rng.Next(values.Length / 2)].Fill(double.NaN);
        }
    }

    // Standard normal noise from a fixed table: Box-Muller per point made generation cost as much as a
    // fit, and the noise only has to look like noise.
    private static double Gaussian(Random rng) => NormalTable[rng.Next() & (NormalTable.Length - 1)];

    private static readonly double[] NormalTable = MakeNormalTable(1 << 16);

    private static double[] MakeNormalTable(int size)
    {
        var rng = new Random(1);
        var table = new double[size];
        for (var i = 0; i < size; i++)
        {
            var u1 = 1.0 - rng.NextDouble();
            table[i] = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * rng.NextDouble());
        }

        return table;
    }
}
