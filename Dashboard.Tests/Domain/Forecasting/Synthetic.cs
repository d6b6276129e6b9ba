using Dashboard.Domain.Forecasting;

namespace Dashboard.Tests.Domain.Forecasting;

/// <summary>Seeded synthetic series for the forecasting tests: level + slope·t + daily season + Gaussian noise.</summary>
internal static class Synthetic
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static RegularSeries Hourly(int hours, double level, double slopePerHour = 0, double dailyAmplitude = 0, double noise = 0, int seed = 1, double weeklyAmplitude = 0)
    {
        var random = new Random(seed);
        var values = new double[hours];
        for (var t = 0; t < hours; t++)
        {
            values[t] = level + (slopePerHour * t)
                + (dailyAmplitude * Math.Sin(2 * Math.PI * t / 24))
                + (weeklyAmplitude * Math.Sin(2 * Math.PI * t / 168))
                + (noise * Gaussian(random));
        }

        return new RegularSeries(Start, TimeSpan.FromHours(1), values);
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
