using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;

namespace Dashboard.Tests.Domain.WhatIf;

public class WhatIfAssumptionsTests
{
    [Fact]
    public void Default_HoldsTheDocumentedValues()
    {
        var assumptions = WhatIfAssumptions.Default;

        Assert.Equal(0.4, assumptions.MemoryFixedShare);
        Assert.Equal(30, assumptions.DiskHorizonDays);
        Assert.Equal(1, assumptions.P99LatencyExponent);
        Assert.Null(assumptions.BottleneckUtilisation);
        Assert.Null(assumptions.QueueUtilisation);
        Assert.Equal(0.99, assumptions.UtilisationCeiling);
    }

    public static TheoryData<Func<WhatIfAssumptions>, string> Invalid => new()
    {
        { () => new WhatIfAssumptions { MemoryFixedShare = 1.5 }, "MemoryFixedShare must be between 0 and 1" },
        { () => new WhatIfAssumptions { MemoryFixedShare = double.NaN }, "MemoryFixedShare must be a finite number" },
        { () => new WhatIfAssumptions { DiskHorizonDays = 0 }, "DiskHorizonDays must be greater than zero" },
        { () => new WhatIfAssumptions { DiskHorizonDays = 4_000 }, "DiskHorizonDays must be between 0 and 3650" },
        { () => new WhatIfAssumptions { P99LatencyExponent = 0.5 }, "P99LatencyExponent must be between 1 and 4" },
        { () => new WhatIfAssumptions { BottleneckUtilisation = 1.2 }, "BottleneckUtilisation must be between 0 and 1" },
        { () => new WhatIfAssumptions { QueueUtilisation = -0.1 }, "QueueUtilisation must be between 0 and 1" },
        { () => new WhatIfAssumptions { UtilisationCeiling = 1 }, "UtilisationCeiling must be above 0.5 and below 1" },
        { () => WhatIfAssumptions.Default with { UtilisationCeiling = 0.5 }, "UtilisationCeiling must be above 0.5 and below 1" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidAssumption_ThrowsNamingIt(Func<WhatIfAssumptions> create, string message)
    {
        var ex = Assert.Throws<DomainValidationException>(create);

        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void NullUtilisations_AreAllowed()
    {
        var assumptions = new WhatIfAssumptions { BottleneckUtilisation = 0.3 } with { BottleneckUtilisation = null };

        Assert.Null(assumptions.BottleneckUtilisation);
    }
}
