using Dashboard.Domain.Forecasting;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Jobs.Forecasting;

/// <summary>Copies a Domain forecast (and its threshold outlook) into the stored row, and back.</summary>
public static class ForecastRowMapper
{
    public static void Apply(ForecastRow row, ForecastResult result, CapacityOutlook? outlook, RegularSeries? history, double? current)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(result);
        row.Status = result.Status.ToString();
        row.Message = Truncate(result.Message);
        row.HistoryFrom = history?.Start;
        row.HistoryTo = history?.End;
        row.HistoryUsedSeconds = result.HistoryUsed.TotalSeconds;
        row.HistoryRequiredSeconds = result.HistoryRequired.TotalSeconds;
        row.CurrentValue = current;
        row.ModelKind = result.Model?.Kind.ToString();
        row.SeasonLength = result.Model?.SeasonLength ?? 0;
        row.Parameters = result.Model is { } model ? model.Parameters.Where(p => double.IsFinite(p.Value)).ToDictionary() : [];
        row.Aicc = Finite(result.Model?.Aicc);
        row.ResidualStandardDeviation = Finite(result.Model?.ResidualStandardDeviation);
        row.IntervalLevel = result.IntervalLevel;
        row.Smape = Finite(result.Accuracy?.Smape);
        row.Mase = Finite(result.Accuracy?.Mase);
        row.Rmse = Finite(result.Accuracy?.Rmse);
        row.BacktestOrigins = result.Accuracy?.Origins;
        row.OffByPercent = Finite(result.Accuracy?.OffByPercent);
        row.ReferenceOffByPercent = Finite(result.Accuracy?.ReferenceOffByPercent);
        row.SkillReference = result.Accuracy?.Reference.ToString();
        row.BacktestWindowSeconds = result.Accuracy is { } accuracy ? accuracy.Window.TotalSeconds : null;
        row.Trend = result.Trend.ToString();

        var points = result.Points;
        row.PointsStart = points.Count > 0 ? points[0].Time : null;
        row.PointsStepSeconds = points.Count > 1 ? (points[1].Time - points[0].Time).TotalSeconds : 0;
        row.Expected = [.. points.Select(p => p.Expected)];
        row.Low = [.. points.Select(p => p.Low)];
        row.High = [.. points.Select(p => p.High)];
        row.Warning = outlook is null ? null : Columns(outlook.Warning);
        row.Critical = outlook is null ? null : Columns(outlook.Critical);
    }

    /// <summary>The stored backtest as the Domain's accuracy; null when the forecast had none.</summary>
    public static ForecastAccuracy? Accuracy(ForecastRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Smape is { } smape
            ? new ForecastAccuracy(smape, row.Mase ?? double.NaN, row.Rmse ?? double.NaN, row.BacktestOrigins ?? 0)
            {
                OffByPercent = row.OffByPercent,
                ReferenceOffByPercent = row.ReferenceOffByPercent,
                Reference = Enum.TryParse<SkillReference>(row.SkillReference, out var reference) ? reference : SkillReference.LastValue,
                Window = TimeSpan.FromSeconds(row.BacktestWindowSeconds ?? 0),
            }
            : null;
    }

    /// <summary>The forecast steps of a stored row.</summary>
    public static IReadOnlyList<ForecastPoint> Points(ForecastRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.PointsStart is not { } start)
        {
            return [];
        }
        var step = TimeSpan.FromSeconds(row.PointsStepSeconds);
        return [.. row.Expected.Select((e, i) => new ForecastPoint(start + (step * i), e, row.Low[i], row.High[i]))];
    }

    /// <summary>The stored crossing as the Domain type; null when the series has no thresholds.</summary>
    public static ThresholdCrossing? Crossing(CrossingColumns? columns) =>
        columns is null
            ? null
            : new ThresholdCrossing(Enum.Parse<CrossingKind>(columns.Kind), columns.Level, columns.Expected, columns.Earliest, columns.Latest, columns.Actionable);

    private static CrossingColumns Columns(ThresholdCrossing crossing) => new()
    {
        Kind = crossing.Kind.ToString(),
        Level = crossing.Level,
        Expected = crossing.Expected,
        Earliest = crossing.Earliest,
        Latest = crossing.Latest,
        Actionable = crossing.Actionable,
    };

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static string Truncate(string s) => s.Length <= 1000 ? s : s[..1000];
}
