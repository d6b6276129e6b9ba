namespace Dashboard.Domain.Advice;

/// <summary>One signal's contribution to a piece of advice.</summary>
/// <param name="Signal">The signal, named as in <see cref="ScalingSignals"/> (e.g. "ReadShare").</param>
/// <param name="Finding">What it showed, with the rule it was held against (e.g. "85 % reads (> 80 %)").</param>
public sealed record Evidence(string Signal, string Finding);
