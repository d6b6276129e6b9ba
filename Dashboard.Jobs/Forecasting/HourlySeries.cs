using Dashboard.Domain.Forecasting;
using Dashboard.Jobs.Storage;

namespace Dashboard.Jobs.Forecasting;

/// <summary>Turns a stored hourly history into the regular grid the models fit (a missing hour is NaN, never 0).</summary>
public static class HourlySeries
{
    public static readonly TimeSpan Step = TimeSpan.FromHours(1);

    /// <summary>The grid from the first to the last stored hour; null when the history is empty.</summary>
    public static RegularSeries? From(SeriesHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var points = history.Points;
        if (points.Count == 0)
        {
            return null;
        }
        var start = points[0].Time;
        var count = (int)((points[^1].Time - start).Ticks / Step.Ticks) + 1;
        var values = new double[count];
        Array.Fill(values, double.NaN);
        foreach (var point in points)
        {
            var index = (int)((point.Time - start).Ticks / Step.Ticks);
            if (double.IsFinite(point.Avg))
            {
                values[index] = point.Avg;
            }
        }
        return new RegularSeries(start, Step, values);
    }
}
