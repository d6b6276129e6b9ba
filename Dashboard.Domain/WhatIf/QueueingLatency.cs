namespace Dashboard.Domain.WhatIf;

/// <summary>Latency (p50, p99, queue processing): today's value x slowdown(k)^exponent; saturated with the bottleneck.</summary>
internal sealed class QueueingLatency(double current, Bottleneck bottleneck, double exponent, string description) : LoadModel
{
    public override string Description => description;

    public override string InWords => "slows down sharply as the busiest part fills up";

    public override double ValueAt(double multiplier)
    {
        var slowdown = bottleneck.SlowdownAt(multiplier);
        return current * (exponent == 1 ? slowdown : Math.Pow(slowdown, exponent));
    }

    public override bool IsSaturatedAt(double multiplier) => bottleneck.IsSaturatedAt(multiplier);
}
