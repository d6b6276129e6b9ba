using Dashboard.Domain.Values;

namespace Dashboard.Domain.Catalog;

/// <summary>A monthly infrastructure budget range, inclusive at both ends; an open-ended range ("$15K-100K+") has no upper limit.</summary>
public sealed record BudgetRange
{
    /// <summary>Creates a range; throws <see cref="DomainValidationException"/> when the top is below the bottom.</summary>
    /// <param name="min">The bottom of the range.</param>
    /// <param name="max">The top of the range as quoted.</param>
    /// <param name="isOpenEnded">Whether spend above <paramref name="max"/> still counts as within ("100K+").</param>
    public BudgetRange(Money min, Money max, bool isOpenEnded = false)
    {
        if (max < min)
        {
            throw new DomainValidationException($"Budget range top ({max}) must not be below its bottom ({min}).");
        }

        Min = min;
        Max = max;
        IsOpenEnded = isOpenEnded;
    }

    /// <summary>The bottom of the range.</summary>
    public Money Min { get; }

    /// <summary>The top of the range as quoted.</summary>
    public Money Max { get; }

    /// <summary>Whether spend above <see cref="Max"/> still counts as within.</summary>
    public bool IsOpenEnded { get; }

    /// <summary>Whether <paramref name="spend"/> is under, within or over the range.</summary>
    /// <param name="spend">Actual monthly spend.</param>
    public BudgetFit Fit(Money spend) =>
        spend < Min ? BudgetFit.Under
        : spend > Max && !IsOpenEnded ? BudgetFit.Over
        : BudgetFit.Within;
}
