namespace Dashboard.Domain.Advice;

/// <summary>What a yes/no signal says, in the same three words wherever it is shown.</summary>
public enum SignalVerdict
{
    /// <summary>Measured as in place.</summary>
    Yes,

    /// <summary>Measured as not in place.</summary>
    No,

    /// <summary>Not measured.</summary>
    Unknown,
}

/// <summary>Verdicts of signal facts.</summary>
public static class SignalVerdicts
{
    /// <summary>The verdict of a yes/no fact.</summary>
    /// <param name="fact">The fact.</param>
    public static SignalVerdict Of(SignalFact<bool> fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return fact.Value switch
        {
            true => SignalVerdict.Yes,
            false => SignalVerdict.No,
            null => SignalVerdict.Unknown,
        };
    }

    /// <summary>"yes", "no" or "unknown".</summary>
    /// <param name="verdict">The verdict.</param>
    public static string Word(this SignalVerdict verdict) => verdict switch
    {
        SignalVerdict.Yes => "yes",
        SignalVerdict.No => "no",
        _ => "unknown",
    };
}
