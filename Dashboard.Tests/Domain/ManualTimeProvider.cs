namespace Dashboard.Tests.Domain;

/// <summary>A clock for tests that only moves when told to.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    public static readonly DateTimeOffset DefaultStart = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private DateTimeOffset now = start;

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "A clock does not go backwards.");
        }

        now += by;
    }
}
