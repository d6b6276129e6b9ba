using Dashboard.Jobs.Storage;
using Dashboard.Tests.Domain;

namespace Dashboard.Tests.Readings;

/// <summary>One read shared by the callers of one second (decision 032): never older than MaxAge, never a failure kept.</summary>
public sealed class RecentReadsTests
{
    private readonly ManualTimeProvider clock = new();
    private int reads;

    private Task<int> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Interlocked.Increment(ref reads));

    [Fact]
    public async Task WithinMaxAge_CallersShareOneRead_AfterItTheNextCallerReadsAgain()
    {
        var recent = new RecentReads(clock);

        Assert.Equal(1, await recent.GetAsync("k", ReadAsync, CancellationToken.None));
        clock.Advance(RecentReads.MaxAge - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await recent.GetAsync("k", ReadAsync, CancellationToken.None));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, await recent.GetAsync("k", ReadAsync, CancellationToken.None));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task Invalidate_TheNextCallerReadsAgainAtOnce_OtherKeysKeepTheirs()
    {
        var recent = new RecentReads(clock);
        await recent.GetAsync("a", ReadAsync, CancellationToken.None);
        await recent.GetAsync("b", ReadAsync, CancellationToken.None);

        recent.Invalidate("a");

        Assert.Equal(3, await recent.GetAsync("a", ReadAsync, CancellationToken.None));
        Assert.Equal(2, await recent.GetAsync("b", ReadAsync, CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentCallers_WaitForTheSameRead()
    {
        var recent = new RecentReads(clock);
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        Task<int> Slow(CancellationToken _)
        {
            Interlocked.Increment(ref started);
            return gate.Task;
        }

        var callers = Enumerable.Range(0, 20).Select(_ => recent.GetAsync("k", Slow, CancellationToken.None)).ToList();
        gate.SetResult(42);

        Assert.All(await Task.WhenAll(callers), v => Assert.Equal(42, v));
        Assert.Equal(1, started);
    }

    [Fact]
    public async Task AFailedRead_IsNotKept_TheNextCallerReadsAgain()
    {
        var recent = new RecentReads(clock);
        var fail = true;
        Task<int> Flaky(CancellationToken _) => fail ? Task.FromException<int>(new InvalidOperationException("database down")) : Task.FromResult(7);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => recent.GetAsync("k", Flaky, CancellationToken.None));
        Assert.Equal("database down", error.Message);
        fail = false;

        Assert.Equal(7, await recent.GetAsync("k", Flaky, CancellationToken.None));
    }

    [Fact]
    public async Task OneCallerGivingUp_DoesNotCancelTheReadTheOthersWaitFor()
    {
        var recent = new RecentReads(clock);
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();

        var first = recent.GetAsync("k", _ => gate.Task, impatient.Token);
        var second = recent.GetAsync("k", _ => gate.Task, CancellationToken.None);
        await impatient.CancelAsync();
        gate.SetResult(5);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(5, await second);
    }
}
