using Bunit;
using MudBlazor.Services;

namespace Dashboard.Tests.Web;

/// <summary>
/// bUnit with MudBlazor: loose JS interop, and asynchronous disposal, because some MudBlazor
/// services (the key interceptor behind chips and buttons) are only IAsyncDisposable and xunit 2
/// disposes a test class synchronously unless it implements IAsyncLifetime.
/// </summary>
public abstract class MudBunitContext : BunitContext, IAsyncLifetime
{
    protected MudBunitContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
