using Dashboard.Domain.Health;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Health;

public class TransactionIdAgeTests
{
    [Theory]
    [InlineData(0, HealthStatus.Ok)]
    [InlineData(200_000_000, HealthStatus.Ok)]
    [InlineData(200_000_001, HealthStatus.Warning)]
    [InlineData(1_600_000_000, HealthStatus.Warning)]
    [InlineData(1_600_000_001, HealthStatus.Critical)]
    [InlineData(2_200_000_000, HealthStatus.Critical)]
    public void Assess_DefaultSettings_WarningPastFreezeMaxAgeCriticalPastFailsafe(long age, HealthStatus expected)
    {
        var xid = TransactionIdAge.Assess(age);

        Assert.Equal(expected, xid.Status);
        Assert.Equal(200_000_000, xid.WarningAt);
        Assert.Equal(1_600_000_000, xid.CriticalAt);
    }

    [Fact]
    public void Assess_ServerSettings_UsesThemNotDefaults()
    {
        var xid = TransactionIdAge.Assess(450_000_000, autovacuumFreezeMaxAge: 500_000_000, vacuumFailsafeAge: 1_200_000_000);

        Assert.Equal(HealthStatus.Ok, xid.Status);
        Assert.Equal(500_000_000, xid.WarningAt);
        Assert.Equal(1_200_000_000, xid.CriticalAt);
    }

    [Fact]
    public void Assess_FailsafeBelowFreezeMaxAge_RaisedTo105PercentOfIt()
    {
        var xid = TransactionIdAge.Assess(1_000, autovacuumFreezeMaxAge: 1_000_000_000, vacuumFailsafeAge: 500_000_000);

        Assert.Equal(1_050_000_000, xid.CriticalAt);
    }

    [Fact]
    public void Headroom_AndShare_CountedFromTwoToThe31()
    {
        var xid = TransactionIdAge.Assess(1_073_741_824);

        Assert.Equal(1_073_741_824, xid.Headroom);
        Assert.Equal(50, xid.TowardsWraparound.Value, 9);
    }

    [Fact]
    public void Headroom_PastWraparound_ZeroNotNegative()
    {
        var xid = TransactionIdAge.Assess(TransactionIdAge.WraparoundLimit + 5);

        Assert.Equal(0, xid.Headroom);
        Assert.Equal(100, xid.TowardsWraparound.Value);
    }

    [Fact]
    public void Assess_NegativeAge_NamesTheValue()
    {
        var ex = Assert.Throws<DomainValidationException>(() => TransactionIdAge.Assess(-1));

        Assert.Contains("Transaction ID age", ex.Message);
    }

    [Fact]
    public void Assess_ZeroFreezeMaxAge_NamesTheSetting()
    {
        var ex = Assert.Throws<DomainValidationException>(() => TransactionIdAge.Assess(10, autovacuumFreezeMaxAge: 0));

        Assert.Contains("autovacuum_freeze_max_age", ex.Message);
    }
}
