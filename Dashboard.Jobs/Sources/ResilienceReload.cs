using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Jobs.Sources;

/// <summary>
/// Rebuilds a client's standard resilience pipeline (timeouts, retries) when the source's own
/// options change, e.g. after a save on the Settings page. The pipeline listens to its
/// <see cref="HttpStandardResilienceOptions"/>; this makes a change of <typeparamref name="TSource"/>
/// count as a change of them, signalled after the source's monitor holds the new value.
/// </summary>
internal sealed class ResilienceReload<TSource> : IOptionsChangeTokenSource<HttpStandardResilienceOptions>, IDisposable
    where TSource : class
{
    private readonly IDisposable? subscription;
    private CancellationTokenSource changed = new();

    public ResilienceReload(string pipelineName, IOptionsMonitor<TSource> source)
    {
        Name = pipelineName;
        subscription = source.OnChange(_ => Interlocked.Exchange(ref changed, new CancellationTokenSource()).Cancel());
    }

    public string Name { get; }

    public IChangeToken GetChangeToken() => new CancellationChangeToken(changed.Token);

    public void Dispose()
    {
        subscription?.Dispose();
        changed.Dispose();
    }

    /// <summary>Registers the reload of <paramref name="pipeline"/> on changes of <typeparamref name="TSource"/>.</summary>
    public static void Register(IHttpStandardResiliencePipelineBuilder pipeline) =>
        pipeline.Services.AddSingleton<IOptionsChangeTokenSource<HttpStandardResilienceOptions>>(sp =>
            new ResilienceReload<TSource>(pipeline.PipelineName, sp.GetRequiredService<IOptionsMonitor<TSource>>()));
}
