using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>Page object for the first-run page, /setup: one method a step.</summary>
public sealed class SetupPage(IPage page)
{
    private ILocator Field(string name) => page.Locator($"input[data-field={name}], [data-field={name}] input").First;

    public ILocator Stepper => page.Locator(".mud-stepper");

    public async Task ConnectAsync(string prometheusUrl)
    {
        await Field("setup-prometheus-url").FillAsync(prometheusUrl);
        await page.Locator("[data-testid=setup-test]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=test-result]")).ToContainTextAsync("Connected");
        await page.Locator("[data-testid=setup-connect]").ClickAsync();
    }

    public ILocator Proposed(string presetId) => page.Locator($"[data-testid=proposed-preset][data-preset={presetId}]");

    public ILocator Partial => page.Locator("[data-testid=partial-preset]");

    /// <summary>No request-metric pack, and exactly <paramref name="presetIds"/> of the other proposed ones ticked.</summary>
    public async Task ChooseOnlyAsync(params string[] presetIds)
    {
        var none = page.Locator("[data-testid=request-none]");
        // Discovery can still propose a preset (checked by default) after a pass over the list, a request-metric
        // pack included (its radio group appears with one chosen): choose again then.
        for (var pass = 1; ; pass++)
        {
            if (await none.CountAsync() > 0 && !await none.IsCheckedAsync())
            {
                await none.ClickAsync();
            }
            foreach (var box in await page.Locator("[data-testid=proposed-preset]:has(input[type=checkbox])").AllAsync())
            {
                var id = await box.GetAttributeAsync("data-preset");
                var input = box.Locator("input[type=checkbox]");
                if (await input.IsCheckedAsync() != presetIds.Contains(id))
                {
                    await input.ClickAsync();
                    await Assertions.Expect(input).ToBeCheckedAsync(new() { Checked = presetIds.Contains(id) });
                }
            }
            try
            {
                await Assertions.Expect(page.Locator("[data-testid=apply-presets]")).ToContainTextAsync($"Apply {presetIds.Length} presets");
                return;
            }
            catch (PlaywrightException) when (pass < 4)
            {
            }
        }
    }

    public Task ApplyAsync() => page.Locator("[data-testid=apply-presets]").ClickAsync();

    public ILocator SliOption(string key) => page.Locator($"[data-testid=sli-option][data-sli={key}]");

    public async Task SaveSliAsync(string key)
    {
        // The circuit sets the radio's state after a round trip: click, then wait for it.
        // On a loaded machine a click can land while the step re-renders with the options' values: click the radio
        // (its visible control, not the transparent input) until the server has it checked, a few times at most.
        var radio = SliOption(key).Locator("input[type=radio]");
        for (var attempt = 1; ; attempt++)
        {
            await SliOption(key).Locator(".mud-radio").First.ClickAsync();
            try
            {
                await Assertions.Expect(radio).ToBeCheckedAsync(new() { Timeout = 5_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 4)
            {
            }
        }
        await page.Locator("[data-testid=save-sli]").ClickAsync();
    }

    public async Task SaveProfileAsync(decimal slo, int users, decimal spend, decimal mrr)
    {
        await Field("setup-slo").FillAsync(slo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Field("setup-users").FillAsync(users.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Field("setup-spend").FillAsync(spend.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Field("setup-mrr").FillAsync(mrr.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("[data-testid=save-setup-profile]").ClickAsync();
    }

    /// <summary>Full-page screenshots at a desktop and a phone width, then back to the desktop.</summary>
    public async Task ScreenshotsAsync(string name)
    {
        foreach (var width in new[] { 1440, 390 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await Browser.ScreenshotAsync(page, $"{name}-{width}");
        }
        await page.SetViewportSizeAsync(1440, 900);
    }
}
