using Dashboard.Domain.Values;

namespace Dashboard.Domain.Health;

/// <summary>
/// How close one PostgreSQL database is to transaction-ID wraparound, judged against the server's
/// own freeze settings (the scaling facts give no levels). Warning: the age is past
/// <c>autovacuum_freeze_max_age</c>, so an anti-wraparound autovacuum should already have frozen
/// the oldest rows and has not caught up. Critical: the age is past the point where VACUUM's
/// failsafe kicks in (<c>vacuum_failsafe_age</c>, never below 105 % of
/// <c>autovacuum_freeze_max_age</c>). At <see cref="WraparoundLimit"/> the server would lose data,
/// so it stops assigning new IDs (refuses writes) a few million transactions before it.
/// </summary>
public sealed record TransactionIdAge
{
    /// <summary>The age at which transaction IDs wrap around: 2^31.</summary>
    public const long WraparoundLimit = 2_147_483_648;

    /// <summary>PostgreSQL's documented default of <c>autovacuum_freeze_max_age</c>: 200 million.</summary>
    public const long DefaultAutovacuumFreezeMaxAge = 200_000_000;

    /// <summary>PostgreSQL's documented default of <c>vacuum_failsafe_age</c> (PostgreSQL 14+): 1.6 billion.</summary>
    public const long DefaultVacuumFailsafeAge = 1_600_000_000;

    private TransactionIdAge(long age, long warningAt, long criticalAt)
    {
        Age = age;
        WarningAt = warningAt;
        CriticalAt = criticalAt;
    }

    /// <summary>Transactions since the database's oldest unfrozen transaction ID (<c>age(datfrozenxid)</c>).</summary>
    public long Age { get; }

    /// <summary>The age past which the database is in Warning.</summary>
    public long WarningAt { get; }

    /// <summary>The age past which the database is in Critical.</summary>
    public long CriticalAt { get; }

    /// <summary>Transactions left before wraparound (never negative).</summary>
    public long Headroom => Math.Max(0, WraparoundLimit - Age);

    /// <summary>How far towards wraparound, 0-100 %.</summary>
    public Percent TowardsWraparound => Percent.Of(Math.Min(100.0, 100.0 * Age / WraparoundLimit));

    /// <summary>Ok, Warning or Critical.</summary>
    public HealthStatus Status => Age > CriticalAt ? HealthStatus.Critical : Age > WarningAt ? HealthStatus.Warning : HealthStatus.Ok;

    /// <summary>
    /// Judges an age; throws <see cref="DomainValidationException"/> when the age or a setting is negative.
    /// </summary>
    /// <param name="age">Transactions since the oldest unfrozen ID.</param>
    /// <param name="autovacuumFreezeMaxAge">The server's <c>autovacuum_freeze_max_age</c>, or null for the default.</param>
    /// <param name="vacuumFailsafeAge">The server's <c>vacuum_failsafe_age</c>, or null (before PostgreSQL 14) for the default.</param>
    public static TransactionIdAge Assess(long age, long? autovacuumFreezeMaxAge = null, long? vacuumFailsafeAge = null)
    {
        Guard.NonNegative(age, "Transaction ID age");
        var freeze = (long)Guard.Positive(autovacuumFreezeMaxAge ?? DefaultAutovacuumFreezeMaxAge, "autovacuum_freeze_max_age");
        var failsafe = (long)Guard.Positive(vacuumFailsafeAge ?? DefaultVacuumFailsafeAge, "vacuum_failsafe_age");
        // VACUUM silently raises the failsafe age to 105 % of autovacuum_freeze_max_age.
        var critical = Math.Max(failsafe, (long)(freeze * 1.05));
        return new TransactionIdAge(age, freeze, critical);
    }
}
