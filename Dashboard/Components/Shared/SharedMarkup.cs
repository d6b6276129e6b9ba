using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Components.Shared;

/// <summary>
/// Display-only parts of a page rendered once to HTML and shared by every circuit that shows the
/// same thing (decision 035). A circuit then holds one markup frame pointing at the shared string
/// instead of a tree of components with their own render buffers; the same components draw it, so
/// it looks the same. Only for parts with no event handlers of their own.
/// </summary>
public sealed class SharedMarkup(IServiceProvider services, ILoggerFactory loggers)
{
    private readonly Lock gate = new();
    private readonly Dictionary<object, (object Version, Task<MarkupString> Html)> slots = [];

    /// <summary>Slots held (one per thing shown: a gauge at a size, a table); bounded by what the pages show.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return slots.Count;
            }
        }
    }

    /// <summary>
    /// The HTML of <typeparamref name="TComponent"/> with <paramref name="parameters"/>; rendered again only when
    /// <paramref name="version"/> (compared with Equals) differs from the one the <paramref name="slot"/> holds.
    /// </summary>
    public Task<MarkupString> RenderAsync<TComponent>(object slot, object version, IReadOnlyDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        lock (gate)
        {
            if (slots.TryGetValue(slot, out var held) && held.Version.Equals(version) && !held.Html.IsFaulted && !held.Html.IsCanceled)
            {
                return held.Html;
            }
            var html = SameTextAsAsync(held.Html, RenderNowAsync<TComponent>(parameters));
            slots[slot] = (version, html);
            return html;
        }
    }

    /// <summary>
    /// A short fingerprint of everything a rendering depends on (its data serialized, hashed), so a page
    /// holds 64 characters, not a copy of the data, to know whether the shared HTML is still its own.
    /// </summary>
    public static string VersionOf(params object?[] inputs) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(inputs)));

    /// <summary>
    /// The slot's previous string when the new rendering reads the same: a version can change without the text
    /// changing (a "days until" figure computed to the millisecond, drawn as "in 3 days"), and pages that opened
    /// in between then still hold one string, not one each.
    /// </summary>
    private static async Task<MarkupString> SameTextAsAsync(Task<MarkupString>? previous, Task<MarkupString> rendering)
    {
        var fresh = await rendering;
        return previous is { IsCompletedSuccessfully: true } && string.Equals(previous.Result.Value, fresh.Value, StringComparison.Ordinal)
            ? previous.Result
            : fresh;
    }

    private async Task<MarkupString> RenderNowAsync<TComponent>(IReadOnlyDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        // A renderer keeps its root components until disposed: one per render, in a scope of its own.
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters.ToDictionary()));
            return new MarkupString(output.ToHtmlString());
        });
    }
}
