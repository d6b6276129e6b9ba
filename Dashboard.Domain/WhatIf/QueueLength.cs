namespace Dashboard.Domain.WhatIf;

/// <summary>Queue depth: today's depth x the M/M/1 waiting-jobs ratio; past saturation the queue grows without bound.</summary>
internal sealed class QueueLength(double current, Bottleneck workers, string description) : LoadModel
{
    public override string Description => description;

    public override string InWords => "backs up sharply as the workers fill up";

    public override double ValueAt(double multiplier) => current * workers.WaitingJobsRatioAt(multiplier);

    public override bool IsSaturatedAt(double multiplier) => workers.IsSaturatedAt(multiplier);
}
