namespace Dashboard.Domain.Forecasting;

/// <summary>The value one season earlier carried forward (the last observed value at the same phase); the error
/// grows with each whole season ahead (variance σ²·(⌊(h−1)/m⌋+1)).</summary>
internal sealed class SeasonalNaiveModel : FittedModel
{
    private readonly double[] lastSeason;
    private readonly double sigma;

    private SeasonalNaiveModel(double[] lastSeason, double sigma)
    {
        this.lastSeason = lastSeason;
        this.sigma = sigma;
    }

    public override ForecastModelKind Kind => ForecastModelKind.SeasonalNaive;

    public override int SeasonLength => lastSeason.Length;

    public override double ResidualStandardDeviation => sigma;

    public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double>();

    public static SeasonalNaiveModel? Fit(ReadOnlySpan<double> values, int period)
    {
        var lastIndex = LastFinite(values);
        if (lastIndex < 0 || values.Length < period)
        {
            return null;
        }

        // For each phase the latest observed value; a phase never observed takes the last value.
        var season = new double[period];
        for (var p = 0; p < period; p++)
        {
            var value = double.NaN;
            for (var t = values.Length - period + p; t >= 0 && double.IsNaN(value); t -= period)
            {
                value = values[t];
            }

            season[p] = double.IsNaN(value) ? values[lastIndex] : value;
        }

        return new SeasonalNaiveModel(season, LagDifferenceRms(values, period));
    }

    // season[p] holds the phase of index Length − m + p; step h+1 lands on index Length + h.
    public override void Forecast(Span<double> mean, Span<double> standardDeviation) => RepeatSeason(lastSeason, sigma, mean, standardDeviation);

    public override FittedModel? Refilter(ReadOnlySpan<double> values) => Fit(values, lastSeason.Length);
}
