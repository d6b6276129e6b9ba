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

    /// <summary>What a stored row's run said about its levels, taken before the next run overwrites it.</summary>
    /// <param name="Warning">The warning level's snapshot; null without levels or a forecast.</param>
    /// <param name="Critical">The critical level's.</param>
    /// <param name="WarningColumns">The stored warning columns (their last move is carried over).</param>
    /// <param name="CriticalColumns">The stored critical columns.</param>
    public sealed record PreviousRun(
        CrossingMoves.Snapshot? Warning, CrossingMoves.Snapshot? Critical, CrossingColumns? WarningColumns, CrossingColumns? CriticalColumns);

    /// <summary>The row's run as it stands, before <see cref="Apply"/> stores a new one; null for a row never computed.</summary>
    public static PreviousRun? Previous(ForecastRow row, Domain.Values.ThresholdDirection? direction)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.ComputedAt == default || direction is not { } side)
        {
            return null;
        }

        var points = Points(row);
        return new PreviousRun(Snapshot(row, row.Warning, side, points), Snapshot(row, row.Critical, side, points), row.Warning, row.Critical);
    }

    /// <summary>After <see cref="Apply"/>: records where this run moved a level's date (Domain <see cref="CrossingMoves"/>),
    /// otherwise carries the level's last move over from the previous run.</summary>
    public static void RecordMoves(ForecastRow row, PreviousRun? previous, RegularSeries? history, Domain.Values.ThresholdDirection? direction)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (previous is null || direction is not { } side)
        {
            return;
        }

        // Only the earlier run's forecast is held against what happened; the new run's points are not needed here.
        Record(row.Warning, previous.Warning, Snapshot(row, row.Warning, side, []), previous.WarningColumns, history);
        Record(row.Critical, previous.Critical, Snapshot(row, row.Critical, side, []), previous.CriticalColumns, history);
    }

    /// <summary>The stored last move of a level as the Domain type; null while no run has moved it.</summary>
    public static CrossingMove? Move(CrossingColumns? columns) =>
        columns is { MovedAt: { } at, MovedFromRunAt: { } from, MovedFromKind: { } fromKind, MovedToKind: { } toKind, MoveCause: { } cause, MoveReason: { } reason }
            ? new CrossingMove(at, from, Enum.Parse<CrossingKind>(fromKind), columns.MovedFromDate, Enum.Parse<CrossingKind>(toKind), columns.MovedToDate, Enum.Parse<MoveCause>(cause), reason)
            : null;

    private static void Record(CrossingColumns? now, CrossingMoves.Snapshot? before, CrossingMoves.Snapshot? after, CrossingColumns? old, RegularSeries? history)
    {
        if (now is null)
        {
            return;
        }

        var move = before is not null && after is not null ? CrossingMoves.Compare(before, after, history) : null;
        if (move is null)
        {
            (now.MovedAt, now.MovedFromRunAt, now.MovedFromKind, now.MovedFromDate, now.MovedToKind, now.MovedToDate, now.MoveCause, now.MoveReason) =
                (old?.MovedAt, old?.MovedFromRunAt, old?.MovedFromKind, old?.MovedFromDate, old?.MovedToKind, old?.MovedToDate, old?.MoveCause, old?.MoveReason);
            return;
        }

        now.MovedAt = move.At;
        now.MovedFromRunAt = move.PreviousAt;
        now.MovedFromKind = move.PreviousKind.ToString();
        now.MovedFromDate = move.PreviousDate;
        now.MovedToKind = move.Kind.ToString();
        now.MovedToDate = move.Date;
        now.MoveCause = move.Cause.ToString();
        now.MoveReason = move.Reason.Length <= 300 ? move.Reason : move.Reason[..300];
    }

    private static CrossingMoves.Snapshot? Snapshot(ForecastRow row, CrossingColumns? columns, Domain.Values.ThresholdDirection direction, IReadOnlyList<ForecastPoint> points) =>
        columns is null
            ? null
            : new CrossingMoves.Snapshot(
                row.ComputedAt, direction, columns.Level, Enum.Parse<CrossingKind>(columns.Kind), columns.Expected,
                Enum.TryParse<ForecastModelKind>(row.ModelKind, out var kind) ? kind : null, points);

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
