using System.Globalization;

namespace Dashboard.Domain.Values;

/// <summary>
/// A non-negative amount of money in the deployment's currency (US dollars in the chapter's
/// examples). Stored as <see cref="decimal"/> so sums of revenue do not drift.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    private Money(decimal amount) => Amount = amount;

    /// <summary>No money.</summary>
    public static Money Zero { get; }

    /// <summary>The amount, never negative.</summary>
    public decimal Amount { get; }

    /// <summary>Creates an amount; throws <see cref="DomainValidationException"/> when it is negative.</summary>
    /// <param name="amount">The amount in currency units.</param>
    public static Money Of(decimal amount)
    {
        if (amount < 0)
        {
            throw new DomainValidationException(
                $"Money must not be negative, but was {amount.ToString(CultureInfo.InvariantCulture)}.");
        }

        return new Money(amount);
    }

    /// <summary>Adds two amounts.</summary>
    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount);

    /// <summary>Subtracts, floored at zero (money here is never negative: a shortfall is zero, not a debt).</summary>
    public static Money operator -(Money left, Money right) => new(Math.Max(0m, left.Amount - right.Amount));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static Money operator *(Money money, decimal factor) => Of(money.Amount * factor);

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static Money operator /(Money money, decimal divisor)
    {
        if (divisor <= 0)
        {
            throw new DomainValidationException(
                $"Money can only be divided by a positive number, but the divisor was {divisor.ToString(CultureInfo.InvariantCulture)}.");
        }

        return new Money(money.Amount / divisor);
    }

    /// <summary>Compares amounts.</summary>
    public static bool operator <(Money left, Money right) => left.Amount < right.Amount;

    /// <summary>Compares amounts.</summary>
    public static bool operator >(Money left, Money right) => left.Amount > right.Amount;

    /// <summary>Compares amounts.</summary>
    public static bool operator <=(Money left, Money right) => left.Amount <= right.Amount;

    /// <summary>Compares amounts.</summary>
    public static bool operator >=(Money left, Money right) => left.Amount >= right.Amount;

    /// <summary>Rounds to whole currency units (the UI shows no false precision).</summary>
    public Money RoundToUnits() => new(Math.Round(Amount, 0, MidpointRounding.AwayFromZero));

    /// <inheritdoc />
    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);

    /// <inheritdoc />
    public override string ToString() => Amount.ToString("0.##", CultureInfo.InvariantCulture);
}
