using System.Security.Claims;
using Dashboard.Services.Setup;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Components.Pages;

/// <summary>
/// The first-run page: five steps, each saving through the service the Settings pages use, so nothing here is a
/// second copy of a setting. Each step moves on by itself once its work is saved (the stepper's own buttons are off).
/// </summary>
public partial class SetupView
{
    [Inject] private SetupStatus Setup { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private MudStepper? stepper;
    private int active;
    private ClaimsPrincipal user = new();
    private SetupPresetsResult? presets;

    private static readonly RenderFragment<MudStepper> NoActions = _ => _ => { };

    protected override async Task OnInitializedAsync() => user = (await AuthState).User;

    private async Task NextAsync()
    {
        if (stepper is not null)
        {
            await stepper.NextStepAsync();
        }
    }

    private async Task PresetsAppliedAsync(SetupPresetsResult result)
    {
        presets = result;
        await NextAsync();
    }
}
