namespace Dashboard.Domain.Forecasting;

/// <summary>An ordinary-least-squares line: value = <see cref="Intercept"/> + <see cref="Slope"/> × seconds
/// since the intercept time.</summary>
/// <param name="Slope">Change per second.</param>
/// <param name="Intercept">Value at the intercept time.</param>
public readonly record struct LinearFit(double Slope, double Intercept);
