namespace Dashboard.Domain.Values;

/// <summary>
/// Thrown when a domain value would be created from input that makes no sense
/// (a negative amount of money, a percentage above 100, a threshold whose critical
/// level is less severe than its warning level, ...). The message names the value and the rule.
/// </summary>
public sealed class DomainValidationException : Exception
{
    /// <summary>Creates the exception for an unnamed rule violation.</summary>
    public DomainValidationException()
        : base("A domain value was invalid.")
    {
    }

    /// <summary>Creates the exception with a message that says what was wrong.</summary>
    /// <param name="message">What was wrong, naming the value and the rule it broke.</param>
    public DomainValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What was wrong, naming the value and the rule it broke.</param>
    /// <param name="innerException">The underlying error.</param>
    public DomainValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
