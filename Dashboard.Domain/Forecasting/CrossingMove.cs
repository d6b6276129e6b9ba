namespace Dashboard.Domain.Forecasting;

/// <summary>
/// A capacity date that moved between two forecast runs, and why (issue 15: a PM must see when a date moved and
/// what moved it, or stop trusting the dates).
/// </summary>
/// <param name="At">When the run that moved it was computed.</param>
/// <param name="PreviousAt">When the run before it was computed.</param>
/// <param name="PreviousKind">What the run before said about the level.</param>
/// <param name="PreviousDate">The date the run before gave; null when it gave none.</param>
/// <param name="Kind">What this run says.</param>
/// <param name="Date">The date this run gives; null when it gives none.</param>
/// <param name="Cause">The most specific reason found.</param>
/// <param name="Reason">The reason as a sentence fragment for people ("the values since the previous run ran about 4 % above its forecast").</param>
public sealed record CrossingMove(
    DateTimeOffset At,
    DateTimeOffset PreviousAt,
    CrossingKind PreviousKind,
    DateTimeOffset? PreviousDate,
    CrossingKind Kind,
    DateTimeOffset? Date,
    MoveCause Cause,
    string Reason)
{
    /// <summary>How far the date moved (positive: later); null unless both runs gave a date.</summary>
    public TimeSpan? Shift => Date is { } now && PreviousDate is { } before ? now - before : null;

    /// <summary>"2 days earlier", "5 hours later", "no date any more", "now expected": how the date moved, in words.</summary>
    public string Direction => Shift switch
    {
        { } shift when shift < TimeSpan.Zero => $"{Durations.Show(-shift)} earlier",
        { } shift => $"{Durations.Show(shift)} later",
        null when Date is not null => "now expected",
        _ => Kind switch
        {
            CrossingKind.AlreadyPast => "already past",
            CrossingKind.NotWithinHorizon => "no longer within the forecast",
            _ => "no date any more",
        },
    };

    /// <summary>The whole sentence: "Moved 2 days earlier: in the 6 hours since the previous run the values ran about 4 %
    /// above its forecast." or, when a date appeared or vanished, "No date any more: the trend is no longer clear …".</summary>
    public string Sentence => Shift is null
        ? $"{char.ToUpperInvariant(Direction[0])}{Direction[1..]}: {Reason}."
        : $"Moved {Direction}: {Reason}.";
}
