using Dashboard.Domain.Forecasting;
using Dashboard.Domain.Values;

namespace Dashboard.Services.Forecasts;

/// <summary>
/// Forecasts a series a user brings (API body or a CSV upload in the PM view). Every problem is
/// reported against the field it concerns; nothing is stored.
/// </summary>
public sealed class AdhocForecastService
{
    /// <summary>The longest horizon accepted (five years); longer is not a forecast but a guess.</summary>
    public static readonly TimeSpan MaxHorizon = TimeSpan.FromDays(5 * 365);

    /// <summary>The most points one request may carry.</summary>
    public const int MaxPoints = 200_000;

    /// <summary>Validates and forecasts; either the response or the errors by field name.</summary>
    public (AdhocForecastResponse? Response, Dictionary<string, string[]>? Errors) Forecast(AdhocForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var samples = ReadPoints(request.Points, errors);
        var horizon = ReadHorizon(request.HorizonSeconds, errors);
        var threshold = ReadThreshold(request.Threshold, request.Direction, errors);
        if (errors.Count > 0 || samples is null || horizon is null)
        {
            return (null, errors);
        }
        return Forecast(samples, horizon.Value, threshold, errors);
    }

    /// <summary>Forecasts already-parsed samples (the CSV upload path).</summary>
    public (AdhocForecastResponse? Response, Dictionary<string, string[]>? Errors) Forecast(
        IReadOnlyList<TimedValue> samples, TimeSpan horizon, Threshold? threshold, Dictionary<string, string[]>? errors = null)
    {
        errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        RegularSeries series;
        try
        {
            series = RegularSeries.FromSamples(samples);
        }
        catch (DomainValidationException ex)
        {
            errors["points"] = [ex.Message];
            return (null, errors);
        }

        ForecastResult result;
        try
        {
            result = new Forecaster(ForecastSettings.AdHoc).Forecast(series, horizon);
        }
        catch (DomainValidationException ex)
        {
            errors["horizonSeconds"] = [ex.Message];
            return (null, errors);
        }

        AdhocCrossing? crossing = null;
        if (threshold is not null)
        {
            var last = samples[^1];
            var c = CapacityOutlookEstimator.Estimate(result, threshold, last.Value).Critical;
            var lastTime = DateTimeOffset.FromUnixTimeMilliseconds(last.UnixMilliseconds);
            crossing = new AdhocCrossing(c.Kind.ToString(), c.Level, c.Expected?.ToUnixTimeSeconds(), c.Earliest?.ToUnixTimeSeconds(),
                c.Latest?.ToUnixTimeSeconds(), c.Kind == CrossingKind.AlreadyPast ? 0 : c.Expected is { } e ? (e - lastTime).TotalSeconds : null);
        }
        var response = new AdhocForecastResponse(
            result.Status.ToString(), result.Message, result.Model?.Kind.ToString(), result.Model?.SeasonLength ?? 0,
            result.Model?.Parameters ?? new Dictionary<string, double>(), result.Trend.ToString(), result.IntervalLevel,
            result.Points.Count > 1 ? (result.Points[1].Time - result.Points[0].Time).TotalSeconds : series.Step.TotalSeconds,
            [.. result.Points.Select(p => new AdhocPoint(p.Time.ToUnixTimeSeconds(), p.Expected, p.Low, p.High))],
            crossing);
        return (response, null);
    }

    private static List<TimedValue>? ReadPoints(double[][]? points, Dictionary<string, string[]> errors)
    {
        if (points is null)
        {
            errors["points"] = ["points is required: an array of [unixSeconds, value] pairs in time order."];
            return null;
        }
        if (points.Length > MaxPoints)
        {
            errors["points"] = [$"points has {points.Length} entries; at most {MaxPoints} are accepted."];
            return null;
        }
        var samples = new List<TimedValue>(points.Length);
        for (var i = 0; i < points.Length; i++)
        {
            if (points[i] is not [var t, var v])
            {
                errors["points"] = [$"points[{i}] must be a pair [unixSeconds, value]."];
                return null;
            }
            if (!double.IsFinite(t) || t < 0 || t > 32_503_680_000)
            {
                errors["points"] = [$"points[{i}] has timestamp {t}, which is not a Unix time in seconds."];
                return null;
            }
            samples.Add(new TimedValue((long)Math.Round(t * 1000), v));
        }
        return samples;
    }

    private static TimeSpan? ReadHorizon(double? seconds, Dictionary<string, string[]> errors)
    {
        if (seconds is not { } s)
        {
            errors["horizonSeconds"] = ["horizonSeconds is required: how far past the last point to forecast, in seconds."];
            return null;
        }
        if (!double.IsFinite(s) || s <= 0 || s > MaxHorizon.TotalSeconds)
        {
            errors["horizonSeconds"] = [$"horizonSeconds must be greater than 0 and at most {MaxHorizon.TotalSeconds:0} (five years), but was {s}."];
            return null;
        }
        return TimeSpan.FromSeconds(s);
    }

    private static Threshold? ReadThreshold(double? level, string? direction, Dictionary<string, string[]> errors)
    {
        var bad = direction?.Trim().ToLowerInvariant() switch
        {
            null or "" or "above" => (ThresholdDirection?)ThresholdDirection.AboveIsBad,
            "below" => ThresholdDirection.BelowIsBad,
            _ => null,
        };
        if (bad is null)
        {
            errors["direction"] = [$"direction must be \"above\" (rising is bad) or \"below\" (falling is bad), but was \"{direction}\"."];
            return null;
        }
        if (level is not { } l)
        {
            return null;
        }
        if (!double.IsFinite(l))
        {
            errors["threshold"] = ["threshold must be a finite number."];
            return null;
        }
        return new Threshold(l, l, bad.Value, "value");
    }
}
