using Microsoft.Playwright;

namespace AtlasGuard.Browser.Tests;

/// <summary>
/// One headless Chromium for the whole test collection, launched through Playwright on first use (so a machine
/// without Chromium only pays for it when a test actually runs).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The browser, launched on first call.</summary>
    public async Task<IBrowser> GetBrowserAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_browser is not null)
            {
                return _browser;
            }

            var executable = ChromiumLocator.Find() ?? throw new InvalidOperationException(ChromiumLocator.MissingMessage);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Timeout = 120_000,
            });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A fresh page (own context: no shared storage or hash state) at a fixed desktop size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1440, int height = 900)
    {
        var browser = await GetBrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = ColorScheme.Light,
            ReducedMotion = ReducedMotion.Reduce,
        });
        return await context.NewPageAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    public void Dispose() => _gate.Dispose();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<ExampleReport>
{
    public const string Name = "Browser";
}
