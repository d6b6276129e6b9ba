namespace Dashboard.Domain.Forecasting;

/// <summary>
/// An ordinary-least-squares line through the observed steps, fitted with <see cref="LinearTrend"/> (the
/// arithmetic of Prometheus' <c>predict_linear</c>), with the noise around it treated as AR(1): the forecast is
/// the line plus the last residual decaying by ρʰ (ρ = lag-1 autocorrelation of the residuals, 0 when negative),
/// and the variance is σ²·(1 − ρ²ʰ) plus the line's own uncertainty σ²·(1/n + (x − x̄)²/Sxx). With independent noise
/// (ρ = 0) this is the textbook OLS prediction interval and the line itself; with a wandering series (ρ near 1) the
/// interval grows as a random walk's instead of claiming the line is known to ± 2σ.
/// </summary>
internal sealed class LinearModel : FittedModel
{
    private readonly LinearFit fit;
    private readonly int length;
    private readonly int count;
    private readonly double meanX;
    private readonly double sxx;
    private readonly double sigma;
    private readonly double rho;
    private readonly double lastResidual;

    private LinearModel(LinearFit fit, int length, int count, double meanX, double sxx, double sigma, double rho, double lastResidual)
    {
        this.fit = fit;
        this.length = length;
        this.count = count;
        this.meanX = meanX;
        this.sxx = sxx;
        this.sigma = sigma;
        this.rho = rho;
        this.lastResidual = lastResidual;
    }

    public override ForecastModelKind Kind => ForecastModelKind.Linear;

    public override int SeasonLength => 0;

    /// <summary>The one-step error: the innovation of the AR(1) noise, σ·√(1 − ρ²).</summary>
    public override double ResidualStandardDeviation => sigma * Math.Sqrt(1 - (rho * rho));

    /// <summary>Slope per step, the intercept at the first step and ρ, the residuals' lag-1 autocorrelation.</summary>
    public override IReadOnlyDictionary<string, double> Parameters =>
        new Dictionary<string, double> { ["slope"] = fit.Slope, ["intercept"] = fit.Intercept, ["rho"] = rho };

    public override double Aicc
    {
        get
        {
            const int k = 4;
            var innovation = ResidualStandardDeviation;
            var sse = innovation * innovation * (count - 2);
            return count - k - 1 <= 0 || sse <= 0
                ? double.NaN
                : (count * Math.Log(sse / count)) + (2 * k) + (2.0 * k * (k + 1) / (count - k - 1));
        }
    }

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
        double sxx = 0, sse = 0, lagProducts = 0, previous = double.NaN, residual = 0;
        var previousIndex = -2L;
        foreach (var s in observed)
        {
            var x = s.UnixMilliseconds / 1000.0;
            residual = s.Value - (fit.Intercept + (fit.Slope * x));
            sxx += (x - meanX) * (x - meanX);
            sse += residual * residual;

            // Only neighbouring steps form a lag-1 pair.
            if (s.UnixMilliseconds / 1000 == previousIndex + 1)
            {
                lagProducts += residual * previous;
            }

            previous = residual;
            previousIndex = s.UnixMilliseconds / 1000;
        }

        var rho = sse > 0 ? Math.Clamp(lagProducts / sse, 0, 0.99) : 0;

        // The last residual counts from the last observed step; after trailing gaps it has already decayed.
        var decay = Math.Pow(rho, values.Length - 1 - previousIndex);
        return new LinearModel(fit, values.Length, n, meanX, sxx, Math.Sqrt(sse / (n - 2)), rho, residual * decay);
    }

    public override void Forecast(Span<double> mean, Span<double> standardDeviation)
    {
        var carried = lastResidual;
        var rhoPower = 1.0;
        for (var h = 0; h < mean.Length; h++)
        {
            double x = length + h;
            carried *= rho;
            rhoPower *= rho * rho;
            mean[h] = fit.Intercept + (fit.Slope * x) + carried;
            var noise = 1 - rhoPower;
            standardDeviation[h] = sigma * Math.Sqrt(noise + (1.0 / count) + ((x - meanX) * (x - meanX) / sxx));
        }
    }

    public override FittedModel? Refilter(ReadOnlySpan<double> values) => Fit(values);
}
