namespace Dashboard.Domain.Forecasting;

/// <summary>The last observed value carried forward; the error grows like a random walk (variance σ²·h).</summary>
internal sealed class NaiveModel : FittedModel
{
    private readonly double last;
    private readonly double sigma;

    private NaiveModel(double last, double sigma)
    {
        this.last = last;
        this.sigma = sigma;
    }

    public override ForecastModelKind Kind => ForecastModelKind.Naive;

    public override int SeasonLength => 0;

    public override double ResidualStandardDeviation => sigma;

    public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double>();

    public static NaiveModel? Fit(ReadOnlySpan<double> values)
    {
        var lastIndex = LastFinite(values);
        return lastIndex < 0 ? null : new NaiveModel(values[lastIndex], LagDifferenceRms(values, 1));
    }

    public override void Forecast(Span<double> mean, Span<double> standardDeviation)
    {
        for (var h = 0; h < mean.Length; h++)
        {
            mean[h] = last;
            standardDeviation[h] = sigma * Math.Sqrt(h + 1);
        }
    }

    public override FittedModel? Refilter(ReadOnlySpan<double> values) => Fit(values);
}
