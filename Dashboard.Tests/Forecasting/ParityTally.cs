using System.Globalization;

namespace Dashboard.Tests.Forecasting;

/// <summary>
/// Collects LinearTrend-versus-Prometheus comparisons for one series and one function, so a failure lists every
/// window that disagrees and a pass reports the largest difference seen.
/// </summary>
internal sealed class ParityTally(string series, string function)
{
    private readonly List<string> failures = [];
    private int compared, identical, bothNaN, bothEmpty;

    /// <summary>Largest relative difference over finite, non-zero answers (absolute where either answer is 0).</summary>
    public double MaxDifference { get; private set; }

    /// <summary>
    /// Records one window of <paramref name="samples"/> samples: with fewer than two, LinearTrend must throw and
    /// Prometheus answer nothing; otherwise the two answers are compared.
    /// </summary>
    /// <param name="samples">How many samples the range selector picked.</param>
    /// <param name="local">LinearTrend on those samples.</param>
    /// <param name="prometheus">Prometheus' answer; null when it returned no sample.</param>
    /// <param name="window">The query and window, for the failure list.</param>
    public void Record(int samples, Func<double> local, double? prometheus, string window)
    {
        window = $"{window} ({samples} samples)";
        if (samples < 2)
        {
            Assert.Throws<ArgumentException>(() => local());
            CompareNoAnswer(prometheus, window);
        }
        else
        {
            Compare(local(), prometheus, window);
        }
    }

    private void Compare(double local, double? prometheus, string window)
    {
        compared++;
        if (prometheus is not { } remote)
        {
            failures.Add($"{window}: Prometheus answered nothing, LinearTrend {Show(local)}");
            return;
        }
        if (double.IsNaN(local) && double.IsNaN(remote))
        {
            bothNaN++;
            return;
        }
        if (local.Equals(remote))
        {
            identical++;
            return;
        }
        var difference = !double.IsFinite(local) || !double.IsFinite(remote) ? double.PositiveInfinity
            : local == 0 || remote == 0 ? Math.Abs(local - remote)
            : Math.Abs(local - remote) / Math.Max(Math.Abs(local), Math.Abs(remote));
        MaxDifference = Math.Max(MaxDifference, difference);
        if (difference > PredictLinearParityTests.Tolerance)
        {
            failures.Add($"{window}: LinearTrend {Show(local)}, Prometheus {Show(remote)} (difference {difference:G3})");
        }
    }

    private void CompareNoAnswer(double? prometheus, string window)
    {
        if (prometheus is { } remote)
        {
            failures.Add($"{window}: fewer than 2 samples, yet Prometheus answered {Show(remote)}");
            return;
        }
        bothEmpty++;
    }

    public string Summary =>
        $"{series,-16} {function,-15} max relative difference {MaxDifference.ToString("G3", CultureInfo.InvariantCulture),-9} " +
        $"over {compared} answers ({identical} bit-identical, {bothNaN} NaN on both sides); {bothEmpty} windows with < 2 samples, no answer on both sides";

    public void AssertAgreement() =>
        Assert.True(failures.Count == 0, $"{series} {function}: {failures.Count} disagreements with Prometheus 2.42:\n{string.Join('\n', failures)}");

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
