using Dashboard.Domain.Values;

namespace Dashboard.Domain.Advice;

/// <summary>One piece of work done while serving a request.</summary>
/// <param name="Name">What it is (payment, email, PDF, analytics).</param>
/// <param name="Time">How long it takes.</param>
/// <param name="CanBeQueued">Whether the user need not wait for it (email, PDFs, analytics, webhooks, exports).</param>
public sealed record RequestStep(string Name, Duration Time, bool CanBeQueued);
