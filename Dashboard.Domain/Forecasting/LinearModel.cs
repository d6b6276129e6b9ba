namespace Dashboard.Domain.Forecasting;

/// <summary>
/// An ordinary-least-squares line through the observed steps, fitted with <see cref="LinearTrend"/> (the
/// arithmetic of Prometheus' <c>predict_linear</c>), with the classical prediction interval
/// σ²·(1 + 1/n + (x − x̄)²/Sxx).
/// </summary>
internal sealed class LinearModel : FittedModel
{
    private readonly LinearFit fit;
    private readonly int length;
    private readonly int count;
    private readonly double meanX;
    private readonly double sxx;
    private readonly double sigma;

    private LinearModel(LinearFit fit, int length, int count, double meanX, double sxx, double sigma)
    {
        this.fit = fit;
        this.length = length;
        this.count = count;
        this.meanX = meanX;
        this.sxx = sxx;
        this.sigma = sigma;
    }

    public override ForecastModelKind Kind => ForecastModelKind.Linear;

    public override int SeasonLength => 0;

    public override double ResidualStandardDeviation => sigma;

    /// <summary>Slope per step and the intercept at the first step.</summary>
    public override IReadOnlyDictionary<string, double> Parameters =>
        new Dictionary<string, double> { ["slope"] = fit.Slope, ["intercept"] = fit.Intercept };

    public override double Aicc
    {
        get
        {
            const int k = 3;
            var sse = sigma * sigma * (count - 2);
            return count - k - 1 <= 0 || sse <= 0
                ? double.NaN
                : (count * Math.Log(sse / count)) + (2 * k) + (2.0 * k * (k + 1) / (count - k - 1));
        }
    }

    /// <summary>Slope per step.</summary>
    public double Slope => fit.Slope;

    public static LinearModel? Fit(ReadOnlySpan<double> values)
    {
        // Step index i as the time in seconds, so the slope comes out per step and the intercept at step 0.
        var samples = new TimedValue[values.Length];
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                samples[n++] = new TimedValue(i * 1000L, values[i]);
            }
        }

        if (n < 3)
        {
            return null;
        }

        var observed = samples.AsSpan(0, n);
        var fit = LinearTrend.Regress(observed, 0);
        if (!double.IsFinite(fit.Slope))
        {
            return null;
        }

        double sumX = 0;
        foreach (var s in observed)
        {
            sumX += s.UnixMilliseconds / 1000.0;
        }

        var meanX = sumX / n;
        double sxx = 0, sse = 0;
        foreach (var s in observed)
        {
            var x = s.UnixMilliseconds / 1000.0;
            var r = s.Value - (fit.Intercept + (fit.Slope * x));
            sxx += (x - meanX) * (x - meanX);
            sse += r * r;
        }

        return new LinearModel(fit, values.Length, n, meanX, sxx, Math.Sqrt(sse / (n - 2)));
    }

    public override void Forecast(Span<double> mean, Span<double> standardDeviation)
    {
        for (var h = 0; h < mean.Length; h++)
        {
            double x = length + h;
            mean[h] = fit.Intercept + (fit.Slope * x);
            standardDeviation[h] = sigma * Math.Sqrt(1 + (1.0 / count) + ((x - meanX) * (x - meanX) / sxx));
        }
    }

    public override FittedModel? Refilter(ReadOnlySpan<double> values) => Fit(values);
}
