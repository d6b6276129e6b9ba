using System.Globalization;

namespace Dashboard.Domain.Values;

/// <summary>Shared checks that throw <see cref="DomainValidationException"/> with a message naming the value.</summary>
internal static class Guard
{
    public static double Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new DomainValidationException($"{name} must be a finite number, but was {Show(value)}.");
        }

        return value;
    }

    public static double NonNegative(double value, string name)
    {
        Finite(value, name);
        if (value < 0)
        {
            throw new DomainValidationException($"{name} must not be negative, but was {Show(value)}.");
        }

        return value;
    }

    public static double Positive(double value, string name)
    {
        Finite(value, name);
        if (value <= 0)
        {
            throw new DomainValidationException($"{name} must be greater than zero, but was {Show(value)}.");
        }

        return value;
    }

    public static double InRange(double value, double min, double max, string name)
    {
        Finite(value, name);
        if (value < min || value > max)
        {
            throw new DomainValidationException(
                $"{name} must be between {Show(min)} and {Show(max)}, but was {Show(value)}.");
        }

        return value;
    }

    public static TimeSpan NonNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new DomainValidationException($"{name} must not be negative, but was {value}.");
        }

        return value;
    }

    public static TimeSpan Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new DomainValidationException($"{name} must be greater than zero, but was {value}.");
        }

        return value;
    }

    public static string NotBlank(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainValidationException($"{name} must not be empty.");
        }

        return value;
    }

    public static string Show(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
