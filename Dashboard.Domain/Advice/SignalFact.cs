namespace Dashboard.Domain.Advice;

/// <summary>
/// One measured signal: its value, or null when it is unknown; where the value came from (or why it
/// is unknown) in words; and when it was measured. Unknown is never read as yes, no or zero.
/// </summary>
/// <typeparam name="T">The value's type (bool, int, long).</typeparam>
/// <param name="Value">The measured value; null: unknown.</param>
/// <param name="Provenance">Where the value came from ("Redis answers (ping 0.4 ms) at 14:05:12"), or why it is unknown.</param>
/// <param name="At">When the measurement behind it was taken; null when unknown or undated.</param>
public sealed record SignalFact<T>(T? Value, string Provenance, DateTimeOffset? At = null)
    where T : struct
{
    /// <summary>Whether the value was measured.</summary>
    public bool IsKnown => Value.HasValue;
}

/// <summary>Makes signal facts.</summary>
public static class SignalFact
{
    /// <summary>An unknown signal and why it is unknown.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="why">Why nothing measured it.</param>
    public static SignalFact<T> Unknown<T>(string why)
        where T : struct => new(null, why);
}
