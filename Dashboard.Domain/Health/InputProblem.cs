namespace Dashboard.Domain.Health;

/// <summary>One bad input field and the rule it breaks, for a form or an API to show next to the field.</summary>
/// <param name="Field">The field's name as the API spells it (e.g. "until").</param>
/// <param name="Message">What is wrong, naming the field and the rule.</param>
public sealed record InputProblem(string Field, string Message);
