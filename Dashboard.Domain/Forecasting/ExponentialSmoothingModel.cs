namespace Dashboard.Domain.Forecasting;

/// <summary>
/// Exponential smoothing in error-correction form with additive errors (ETS(A,·,·)): simple, Holt, damped Holt
/// and Holt-Winters with an additive or multiplicative season. The smoothing parameters minimise the sum of
/// squared one-step-ahead errors (Nelder-Mead over a transformed space that keeps 0 &lt; β &lt; α &lt; 1,
/// 0 &lt; γ &lt; 1 − α and 0.8 ≤ φ ≤ 0.98); the initial states come from the first seasons. A missing step
/// (NaN) contributes no error: the states move on with their own forecast.
/// </summary>
internal sealed class ExponentialSmoothingModel : FittedModel
{
    private const int MaxInitialSeasons = 4;

    private readonly EtsForm form;
    private readonly double[] parameters;
    private readonly double level;
    private readonly double trend;
    private readonly double[] season;
    private readonly int phase;
    private readonly double sigma;
    private readonly double aicc;

    private ExponentialSmoothingModel(EtsForm form, double[] parameters, double level, double trend, double[] season, int phase, double sse, int count)
    {
        this.form = form;
        this.parameters = parameters;
        this.level = level;
        this.trend = trend;
        this.season = season;
        this.phase = phase;
        var dof = Math.Max(1, count - form.FreeQuantities);
        sigma = Math.Sqrt(sse / dof);
        var k = form.FreeQuantities;
        aicc = count - k - 1 <= 0 || sse <= 0
            ? double.NaN
            : (count * Math.Log(sse / count)) + (2 * k) + (2.0 * k * (k + 1) / (count - k - 1));
    }

    public override ForecastModelKind Kind => form.Kind;

    public override int SeasonLength => form.HasSeason ? form.Period : 0;

    public override double ResidualStandardDeviation => sigma;

    public override double Aicc => aicc;

    public EtsForm Form => form;

    /// <summary>The unconstrained search point the parameters came from (to warm-start a refit).</summary>
    public double[] SearchPoint { get; private init; } = [];

    public override IReadOnlyDictionary<string, double> Parameters
    {
        get
        {
            var named = new Dictionary<string, double> { ["alpha"] = parameters[0] };
            if (form.HasTrend)
            {
                named["beta"] = parameters[1];
            }

            if (form.Trend == EtsTrend.Damped)
            {
                named["phi"] = parameters[3];
            }

            if (form.HasSeason)
            {
                named["gamma"] = parameters[2];
            }

            return named;
        }
    }

    /// <summary>Fits <paramref name="form"/> to <paramref name="values"/>; null when the data are too short or
    /// unsuitable (a multiplicative season needs positive values).</summary>
    /// <param name="values">The series, NaN for missing steps.</param>
    /// <param name="form">The model form.</param>
    /// <param name="maxEvaluations">Cap on objective evaluations.</param>
    /// <param name="start">Unconstrained start point (e.g. from a fit on a shorter prefix); empty for the default.</param>
    public static ExponentialSmoothingModel? Fit(ReadOnlySpan<double> values, EtsForm form, int maxEvaluations, ReadOnlySpan<double> start = default)
    {
        if (!Suitable(values, form))
        {
            return null;
        }

        var initialSeason = new double[form.HasSeason ? form.Period : 1];
        var (level0, trend0) = Initialize(values, form, initialSeason);
        var scratch = new double[initialSeason.Length];
        var p = new double[4];
        var k = form.SearchedParameters;
        var u = new double[k];
        if (start.Length == k)
        {
            start.CopyTo(u);
        }
        else
        {
            DefaultStart(form, u);
        }

        // The objective needs the values after this method's span is gone, so it works on an array copy.
        var data = values.ToArray();
        double Objective(ReadOnlySpan<double> point)
        {
            Map(form, point, p);
            initialSeason.CopyTo(scratch, 0);
            return Run(data, form, p, level0, trend0, scratch, out _, out _, out _);
        }

        NelderMead.Minimize(Objective, u, start.Length == k ? 0.5 : 1.0, maxEvaluations, 1e-4);
        Map(form, u, p);
        return Filter(data, form, p, initialSeason, level0, trend0, u);
    }

    public override FittedModel? Refilter(ReadOnlySpan<double> values)
    {
        if (!Suitable(values, form))
        {
            return null;
        }

        var initialSeason = new double[season.Length];
        var (level0, trend0) = Initialize(values, form, initialSeason);
        return Filter(values, form, (double[])parameters.Clone(), initialSeason, level0, trend0, SearchPoint);
    }

    public override void Forecast(Span<double> mean, Span<double> standardDeviation)
    {
        var m = season.Length;
        var phi = form.Trend == EtsTrend.Damped ? parameters[3] : 1;
        double alpha = parameters[0], beta = form.HasTrend ? parameters[1] : 0, gamma = form.HasSeason ? parameters[2] : 0;
        double damping = 0, power = 1, sumSquares = 0;
        var multiplicative = form.Season == EtsSeason.Multiplicative;
        for (var h = 1; h <= mean.Length; h++)
        {
            if (form.HasTrend)
            {
                power *= phi;
                damping += power;
            }

            var s = form.HasSeason ? season[(phase + h - 1) % m] : (multiplicative ? 1 : 0);
            var trended = level + (damping * trend);
            mean[h - 1] = multiplicative ? trended * s : trended + s;

            // Var(h) = σ²(1 + Σ_{j<h} c_j²), c_j = α + β·φ_j + γ·[j ≡ 0 mod m] (Hyndman et al. 2008, class 1; used as an
            // approximation for the multiplicative season).
            standardDeviation[h - 1] = sigma * Math.Sqrt(1 + sumSquares);
            var c = alpha + (beta * damping) + (form.HasSeason && h % m == 0 ? gamma : 0);
            sumSquares += c * c;
        }
    }

    private static bool Suitable(ReadOnlySpan<double> values, EtsForm form)
    {
        if (values.Length < form.MinimumLength)
        {
            return false;
        }

        var observed = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            if (form.Season == EtsSeason.Multiplicative && v <= 0)
            {
                return false;
            }

            observed++;
        }

        return observed >= Math.Max(3, form.SearchedParameters + 2);
    }

    private static ExponentialSmoothingModel Filter(ReadOnlySpan<double> values, EtsForm form, double[] p, double[] initialSeason, double level0, double trend0, double[] searchPoint)
    {
        var season = (double[])initialSeason.Clone();
        var sse = Run(values, form, p, level0, trend0, season, out var level, out var trend, out var count);
        if (!double.IsFinite(sse))
        {
            // The fitted recursion diverged (a multiplicative season through a level near zero): fall back to no smoothing of the season.
            season = (double[])initialSeason.Clone();
            p[2] = 0;
            sse = Run(values, form, p, level0, trend0, season, out level, out trend, out count);
        }

        return new ExponentialSmoothingModel(form, p, level, trend, season, values.Length % season.Length, sse, count)
        {
            SearchPoint = searchPoint,
        };
    }

    // The recursion; returns the sum of squared one-step errors, leaves the final states.
    private static double Run(ReadOnlySpan<double> y, EtsForm form, double[] p, double level, double trend, Span<double> season, out double finalLevel, out double finalTrend, out int count)
    {
        double alpha = p[0], beta = p[1], gamma = p[2];
        var phi = form.Trend == EtsTrend.Damped ? p[3] : 1;
        if (!form.HasTrend)
        {
            trend = 0;
            beta = 0;
        }

        var multiplicative = form.Season == EtsSeason.Multiplicative;
        var seasonal = form.HasSeason;
        var m = season.Length;
        var j = 0;
        double sse = 0;
        count = 0;
        for (var t = 0; t < y.Length; t++)
        {
            var trended = level + (phi * trend);
            var s = seasonal ? season[j] : 0;
            var observed = y[t];
            if (double.IsNaN(observed))
            {
                level = trended;
                trend *= phi;
            }
            else if (multiplicative)
            {
                if (trended <= 0 || s <= 0)
                {
                    finalLevel = level;
                    finalTrend = trend;
                    return double.PositiveInfinity;
                }

                var e = observed - (trended * s);
                sse += e * e;
                count++;
                level = trended + (alpha * e / s);
                trend = (phi * trend) + (beta * e / s);
                season[j] = s + (gamma * e / trended);
            }
            else
            {
                var e = observed - (trended + s);
                sse += e * e;
                count++;
                level = trended + (alpha * e);
                trend = (phi * trend) + (beta * e);
                if (seasonal)
                {
                    season[j] = s + (gamma * e);
                }
            }

            if (++j == m)
            {
                j = 0;
            }
        }

        finalLevel = level;
        finalTrend = trend;
        return sse;
    }

    // Unconstrained point → [alpha, beta, gamma, phi] within the admissible region.
    private static void Map(EtsForm form, ReadOnlySpan<double> u, double[] p)
    {
        var i = 0;
        var alpha = 0.0001 + (0.9998 * Logistic(u[i++]));
        var beta = form.HasTrend ? alpha * Logistic(u[i++]) : 0;
        var phi = form.Trend == EtsTrend.Damped ? 0.8 + (0.18 * Logistic(u[i++])) : 1;
        var gamma = form.HasSeason ? (1 - alpha) * Logistic(u[i]) : 0;
        p[0] = alpha;
        p[1] = beta;
        p[2] = gamma;
        p[3] = phi;
    }

    // alpha 0.1, beta 0.01, phi 0.97, gamma 0.01 as the starting guess (close to R forecast::ets' defaults).
    private static void DefaultStart(EtsForm form, Span<double> u)
    {
        var i = 0;
        u[i++] = Logit(0.1);
        if (form.HasTrend)
        {
            u[i++] = Logit(0.1);
        }

        if (form.Trend == EtsTrend.Damped)
        {
            u[i++] = Logit(0.17 / 0.18);
        }

        if (form.HasSeason)
        {
            u[i] = Logit(0.01 / 0.9);
        }
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));

    // Initial level (before the first step), trend and season (phase 0 = the first step) from the first seasons:
    // season means give level and slope, the average detrended deviation per phase gives the season.
    private static (double Level, double Trend) Initialize(ReadOnlySpan<double> y, EtsForm form, double[] season)
    {
        if (!form.HasSeason)
        {
            season[0] = 0;
            return InitializeWithoutSeason(y, form);
        }

        var m = form.Period;
        var seasons = Math.Min(MaxInitialSeasons, y.Length / m);
        Span<double> means = stackalloc double[MaxInitialSeasons];
        int first = -1, last = -1;
        for (var j = 0; j < seasons; j++)
        {
            means[j] = FiniteMean(y.Slice(j * m, m));
            if (!double.IsNaN(means[j]))
            {
                first = first < 0 ? j : first;
                last = j;
            }
        }

        if (first < 0)
        {
            season.AsSpan().Fill(form.Season == EtsSeason.Multiplicative ? 1 : 0);
            return InitializeWithoutSeason(y, form);
        }

        var slope = last > first ? (means[last] - means[first]) / ((last - first) * m) : 0;
        var multiplicative = form.Season == EtsSeason.Multiplicative;
        double total = 0;
        var phases = 0;
        for (var i = 0; i < m; i++)
        {
            double sum = 0;
            var n = 0;
            for (var j = 0; j < seasons; j++)
            {
                var v = y[(j * m) + i];
                if (double.IsNaN(v) || double.IsNaN(means[j]))
                {
                    continue;
                }

                var trendLine = means[j] + (slope * (i - ((m - 1) / 2.0)));
                sum += multiplicative ? v / trendLine : v - trendLine;
                n++;
            }

            season[i] = n == 0 ? double.NaN : sum / n;
            if (n > 0)
            {
                total += season[i];
                phases++;
            }
        }

        var centre = phases == 0 ? (multiplicative ? 1 : 0) : total / phases;
        for (var i = 0; i < m; i++)
        {
            season[i] = double.IsNaN(season[i])
                ? (multiplicative ? 1 : 0)
                : multiplicative ? season[i] / centre : season[i] - centre;
        }

        var level = means[first] - (slope * (((m + 1) / 2.0) + (first * m)));
        return (level, form.HasTrend ? slope : 0);
    }

    private static (double Level, double Trend) InitializeWithoutSeason(ReadOnlySpan<double> y, EtsForm form)
    {
        // A line through the first (up to) ten observed steps; the level sits one step before the first.
        var line = IndexLine.Fit(y, 10);
        return form.HasTrend ? (line.At(-1), line.Slope) : (line.At(line.MeanIndex), 0);
    }

    private static double FiniteMean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        var n = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        }

        return n == 0 ? double.NaN : sum / n;
    }
}
