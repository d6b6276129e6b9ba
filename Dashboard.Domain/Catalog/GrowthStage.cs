using Dashboard.Domain.Values;

namespace Dashboard.Domain.Catalog;

/// <summary>One row of the growth-stages table.</summary>
public sealed record GrowthStage
{
    /// <summary>Creates a stage; throws <see cref="DomainValidationException"/> on a negative or empty user range or blank text.</summary>
    /// <param name="id">Which stage.</param>
    /// <param name="name">Display name.</param>
    /// <param name="minUsers">The first active-user count in this stage (inclusive).</param>
    /// <param name="nextStageUsers">The first count of the next stage (exclusive here); null for the last stage.</param>
    /// <param name="primaryStrategy">What to do at this stage.</param>
    /// <param name="budget">Monthly infrastructure budget.</param>
    public GrowthStage(GrowthStageId id, string name, long minUsers, long? nextStageUsers, string primaryStrategy, BudgetRange budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (minUsers < 0 || nextStageUsers <= minUsers)
        {
            throw new DomainValidationException(
                $"Stage {id} needs 0 <= min users < next stage users, but had {minUsers} and {nextStageUsers}.");
        }

        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(primaryStrategy))
        {
            throw new DomainValidationException($"Stage {id} needs a name and a primary strategy.");
        }

        Id = id;
        Name = name;
        MinUsers = minUsers;
        NextStageUsers = nextStageUsers;
        PrimaryStrategy = primaryStrategy;
        Budget = budget;
    }

    /// <summary>Which stage.</summary>
    public GrowthStageId Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>The first active-user count in this stage.</summary>
    public long MinUsers { get; }

    /// <summary>The first count of the next stage; null for the last stage.</summary>
    public long? NextStageUsers { get; }

    /// <summary>What to do at this stage.</summary>
    public string PrimaryStrategy { get; }

    /// <summary>Monthly infrastructure budget.</summary>
    public BudgetRange Budget { get; }

    /// <summary>Whether <paramref name="activeUsers"/> falls in this stage.</summary>
    /// <param name="activeUsers">Active users.</param>
    public bool Contains(long activeUsers) => activeUsers >= MinUsers && (NextStageUsers is null || activeUsers < NextStageUsers);
}
