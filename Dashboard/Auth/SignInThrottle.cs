using System.Collections.Concurrent;
using System.Net;
using Dashboard.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// Failed sign-ins counted per account and client address (decision 027). Past
/// Auth:SignInFailuresPerAccount failures in the window, that address is refused for that account
/// until the window ends; the account itself is never locked, so an anonymous client cannot lock
/// anybody else out. Counted per instance: with several instances behind a proxy an attacker gets
/// a few more guesses, still bounded by the per-address limit on every attempt.
/// </summary>
internal sealed class SignInThrottle(TimeProvider time, IOptionsMonitor<AuthOptions> auth)
{
    private const int SweepAbove = 10_000;
    private readonly ConcurrentDictionary<string, Window> failures = new(StringComparer.Ordinal);

    private sealed record Window(DateTimeOffset Start, int Count);

    /// <summary>How long this address must wait before trying this account again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string? account, IPAddress? address)
    {
        var options = auth.CurrentValue;
        if (!failures.TryGetValue(Key(account, address), out var window))
        {
            return null;
        }
        var ends = window.Start.AddMinutes(options.SignInFailureWindowMinutes);
        var now = time.GetUtcNow();
        return window.Count >= options.SignInFailuresPerAccount && ends > now ? ends - now : null;
    }

    public void Failed(string? account, IPAddress? address)
    {
        var now = time.GetUtcNow();
        var length = TimeSpan.FromMinutes(auth.CurrentValue.SignInFailureWindowMinutes);
        failures.AddOrUpdate(Key(account, address), _ => new Window(now, 1),
            (_, w) => w.Start + length <= now ? new Window(now, 1) : w with { Count = w.Count + 1 });
        if (failures.Count > SweepAbove)
        {
            foreach (var (key, w) in failures)
            {
                if (w.Start + length <= now)
                {
                    failures.TryRemove(key, out _);
                }
            }
        }
    }

    public void Succeeded(string? account, IPAddress? address) => failures.TryRemove(Key(account, address), out _);

    private static string Key(string? account, IPAddress? address)
    {
        var name = (account ?? "").Trim().ToUpperInvariant();
        return $"{(name.Length > 256 ? name[..256] : name)}|{address?.ToString() ?? "unknown"}";
    }
}
