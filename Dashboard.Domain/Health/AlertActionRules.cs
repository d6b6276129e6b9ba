namespace Dashboard.Domain.Health;

/// <summary>
/// What an acknowledgement and a silence must look like. A silence ends in the future and at most
/// <see cref="MaxSilence"/> from now (a longer mute hides a problem rather than parks it: fix the
/// threshold instead), and says why; notes and reasons are short enough to read in a table.
/// </summary>
public static class AlertActionRules
{
    /// <summary>The longest silence: seven days.</summary>
    public static readonly TimeSpan MaxSilence = TimeSpan.FromDays(7);

    /// <summary>The longest silence reason or acknowledgement note, in characters.</summary>
    public const int MaxTextLength = 500;

    /// <summary>The field names the checks report.</summary>
    public const string UntilField = "until";

    /// <summary>The reason field.</summary>
    public const string ReasonField = "reason";

    /// <summary>The acknowledgement note field.</summary>
    public const string NoteField = "note";

    /// <summary>Every problem with a silence request; empty when it is valid.</summary>
    /// <param name="now">The present.</param>
    /// <param name="until">When the silence would end; null when missing.</param>
    /// <param name="reason">Why; required.</param>
    public static IReadOnlyList<InputProblem> CheckSilence(DateTimeOffset now, DateTimeOffset? until, string? reason)
    {
        var problems = new List<InputProblem>();
        if (until is not { } end)
        {
            problems.Add(new(UntilField, "Silence end (until) is required."));
        }
        else if (end <= now)
        {
            problems.Add(new(UntilField, $"Silence end (until) must be in the future, but {end:yyyy-MM-dd HH:mm} UTC has passed."));
        }
        else if (end - now > MaxSilence)
        {
            problems.Add(new(UntilField, $"Silence end (until) must be at most {MaxSilence.TotalDays:0} days from now; fix the threshold instead of muting it for longer."));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(new(ReasonField, "Silence reason is required: say why the alert may be muted."));
        }
        else if (FreeText.Check(ReasonField, "Silence reason", reason, MaxTextLength) is { } problem)
        {
            problems.Add(problem);
        }

        return problems;
    }

    /// <summary>Every problem with an acknowledgement note (optional, but short); empty when it is valid.</summary>
    /// <param name="note">The note, or null.</param>
    public static IReadOnlyList<InputProblem> CheckAcknowledgement(string? note) =>
        FreeText.Check(NoteField, "Acknowledgement note", note, MaxTextLength) is { } problem ? [problem] : [];
}
