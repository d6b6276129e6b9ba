namespace Dashboard.Services.Checklist;

/// <summary>
/// What one checklist signal showed: yes, no, or unknown (null, "not measured"), always with
/// the evidence in words and, when there is one, the time of the measurement.
/// </summary>
public sealed record SignalReading(bool? Value, string Evidence, DateTimeOffset? At = null)
{
    public static SignalReading NotMeasured(string why) => new(null, "not measured: " + why);
}
