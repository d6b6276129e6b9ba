namespace Dashboard.Components.Shared;

/// <summary>
/// A chart axis people can read: bounds and ticks on round steps (1, 2, 2.5 or 5 × 10ⁿ), so the ticks say
/// 40 / 50 / 60 / 70 rather than 48.5 / 59.4 / 70.3.
/// </summary>
/// <param name="Min">The axis' lower bound, a multiple of <paramref name="Step"/>.</param>
/// <param name="Max">The axis' upper bound, a multiple of <paramref name="Step"/>.</param>
/// <param name="Step">The distance between ticks.</param>
public readonly record struct NiceAxis(double Min, double Max, double Step)
{
    /// <summary>The smallest round axis holding [<paramref name="low"/>, <paramref name="high"/>] with about
    /// <paramref name="ticks"/> intervals; a flat range gets an axis around its value.</summary>
    public static NiceAxis Around(double low, double high, int ticks = 4)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            return new NiceAxis(0, 1, 0.25);
        }

        if (high < low)
        {
            (low, high) = (high, low);
        }

        if (high - low < 1e-9)
        {
            var spread = Math.Abs(low) > 0 ? Math.Abs(low) * 0.1 : 1;
            (low, high) = (low - spread, high + spread);
        }

        var step = Round((high - low) / Math.Max(1, ticks));
        return new NiceAxis(Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    /// <summary>The tick values from <see cref="Min"/> to <see cref="Max"/>.</summary>
    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round((Max - Min) / Step);
        for (var i = 0; i <= count; i++)
        {
            // Computed from the index, not summed, so 0.1 steps do not drift to 0.30000000000000004.
            yield return Math.Round(Min + (i * Step), 10);
        }
    }

    // The round step at or above a raw one: 1, 2, 2.5, 5 or 10 times a power of ten.
    private static double Round(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / power;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
