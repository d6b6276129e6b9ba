namespace Dashboard.Jobs.Storage.Primary;

/// <summary>A write refused because the primary is unreachable; the API answers it with 503 and Retry-After.</summary>
public sealed class PrimaryUnavailableException(PrimaryOutage outage)
    : InvalidOperationException(outage.Describe() + ". Changes cannot be saved until it returns; reads keep working.")
{
    public PrimaryOutage Outage { get; } = outage;
}
