namespace Dashboard.Domain.Forecasting;

/// <summary>The fitted model behind a forecast: family, parameters and fit statistics.</summary>
/// <param name="Kind">The model family.</param>
/// <param name="SeasonLength">Season length in steps; 0 when the model has no season.</param>
/// <param name="Parameters">Fitted parameters by name (alpha, beta, gamma, phi, slope, …).</param>
/// <param name="Aicc">Corrected Akaike information criterion of the fit; NaN when not defined for the family.</param>
/// <param name="ResidualStandardDeviation">Standard deviation of one-step-ahead errors.</param>
public sealed record ForecastModel(
    ForecastModelKind Kind,
    int SeasonLength,
    IReadOnlyDictionary<string, double> Parameters,
    double Aicc,
    double ResidualStandardDeviation);
