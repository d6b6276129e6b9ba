namespace Dashboard.Domain.Forecasting;

/// <summary>
/// The average of the last <see cref="Seasons"/> seasons at the same phase, carried forward: seasonal naive with the
/// noise of a single season averaged out ("the average of the last four Mondays at 9:00"). The spread is this rule's
/// own one-season-ahead error over the history, growing with each whole season ahead (decision 040).
/// </summary>
internal sealed class SeasonalAverageModel : FittedModel
{
    /// <summary>How many of the latest seasons are averaged.</summary>
    public const int Seasons = 4;

    private readonly double[] profile;
    private readonly double sigma;

    private SeasonalAverageModel(double[] profile, double sigma)
    {
        this.profile = profile;
        this.sigma = sigma;
    }

    public override ForecastModelKind Kind => ForecastModelKind.SeasonalAverage;

    public override int SeasonLength => profile.Length;

    public override double ResidualStandardDeviation => sigma;

    public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["seasons"] = Seasons };

    /// <summary>The profile of the last <see cref="Seasons"/> seasons of <paramref name="values"/>; null when the
    /// history is shorter than that or a phase was never observed in them.</summary>
    public static SeasonalAverageModel? Fit(ReadOnlySpan<double> values, int period)
    {
        if (period < 2 || values.Length < period * Seasons)
        {
            return null;
        }

        var profile = new double[period];
        if (!Profile(values, values.Length, profile))
        {
            return null;
        }

        // The spread: the error of this same rule one season ahead, everywhere in the history it can be checked.
        var earlier = new double[period];
        double squares = 0;
        var count = 0;
        for (var end = period * Seasons; end + period <= values.Length; end += period)
        {
            if (!Profile(values, end, earlier))
            {
                continue;
            }

            for (var p = 0; p < period; p++)
            {
                var error = values[end + p] - earlier[p];
                if (!double.IsNaN(error))
                {
                    squares += error * error;
                    count++;
                }
            }
        }

        return new SeasonalAverageModel(profile, count > 0 ? Math.Sqrt(squares / count) : LagDifferenceRms(values, period));
    }

    public override void Forecast(Span<double> mean, Span<double> standardDeviation) => RepeatSeason(profile, sigma, mean, standardDeviation);

    public override FittedModel? Refilter(ReadOnlySpan<double> values) => Fit(values, profile.Length);

    // Each phase's mean over the seasons that end at end (gaps skipped); false when a phase has no observation there.
    private static bool Profile(ReadOnlySpan<double> values, int end, Span<double> profile)
    {
        var period = profile.Length;
        for (var p = 0; p < period; p++)
        {
            double sum = 0;
            var count = 0;
            for (var k = 0; k < Seasons; k++)
            {
                var v = values[end - period + p - (k * period)];
                if (!double.IsNaN(v))
                {
                    sum += v;
                    count++;
                }
            }

            if (count == 0)
            {
                return false;
            }

            profile[p] = sum / count;
        }

        return true;
    }
}
