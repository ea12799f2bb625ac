using System.Globalization;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace Daftar.Signing;

/// <summary>Letters cannot be rendered: no Chromium on this machine, or it would not start. The message says what to install.</summary>
public sealed class RendererUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// HTML to PDF with headless Chromium (Debian's package, never a downloaded browser): one warm browser kept running and
/// a small pool of tabs, so a letter costs a page load, not a browser start. Chromium shapes Devanagari correctly and
/// keeps the text extractable. Pages run with JavaScript off and every network request refused: what is rendered is
/// exactly the HTML given, and a script or remote image inside a letter's text does nothing.
/// </summary>
public sealed class PdfRenderer(string? executablePath, int tabs = 2) : IAsyncDisposable
{
    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions",
    ];

    private readonly SemaphoreSlim _tabs = new(Math.Max(1, tabs));
    private readonly SemaphoreSlim _launch = new(1, 1);
    private IBrowser? _browser;

    /// <summary>
    /// The configured path (and nothing else when one is configured: "none" turns rendering off), else DAFTAR_CHROMIUM,
    /// else Debian's /usr/bin/chromium; null when there is none.
    /// </summary>
    public static string? FindChromium(string? configured = null) =>
        !string.IsNullOrWhiteSpace(configured)
            ? File.Exists(configured) ? configured : null
            : new[] { Environment.GetEnvironmentVariable("DAFTAR_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
                .FirstOrDefault(p => !string.IsNullOrWhiteSpace(p) && File.Exists(p));

    public bool IsAvailable => executablePath is not null && File.Exists(executablePath);

    public const string InstallHint = "Install Chromium and the Devanagari fonts: apt-get install -y chromium fonts-noto-core fonts-lohit-deva";

    /// <summary>An A4 document (a letter, minutes), margins kept free for the signature blocks at the bottom.</summary>
    public Task<byte[]> RenderAsync(string html, CancellationToken ct) => RenderAsync(html, new PdfOptions
    {
        Format = PaperFormat.A4,
        PrintBackground = true,
        PreferCSSPageSize = true,
        MarginOptions = new MarginOptions { Top = "18mm", Bottom = "30mm", Left = "20mm", Right = "18mm" },
    }, ct);

    /// <summary>
    /// One small page of <paramref name="widthPoints"/> × <paramref name="heightPoints"/> without margins: a visible
    /// signature block in any script, which <see cref="PdfSigner"/> draws into the signature's appearance.
    /// </summary>
    public Task<byte[]> RenderBlockAsync(string html, float widthPoints, float heightPoints, CancellationToken ct) => RenderAsync(html, new PdfOptions
    {
        Width = string.Create(CultureInfo.InvariantCulture, $"{widthPoints / 72:0.####}in"),
        Height = string.Create(CultureInfo.InvariantCulture, $"{heightPoints / 72:0.####}in"),
        PrintBackground = true,
        PageRanges = "1",
        MarginOptions = new MarginOptions { Top = "0", Bottom = "0", Left = "0", Right = "0" },
    }, ct);

    private async Task<byte[]> RenderAsync(string html, PdfOptions options, CancellationToken ct)
    {
        await _tabs.WaitAsync(ct);
        try
        {
            var browser = await BrowserAsync(ct);
            await using var page = await browser.NewPageAsync();
            await page.SetJavaScriptEnabledAsync(false);
            await page.SetRequestInterceptionAsync(true);
            page.Request += async (_, e) =>
            {
                // Only the document itself and inline data: images; nothing leaves the machine.
                if (e.Request.Url.StartsWith("data:", StringComparison.Ordinal)) await e.Request.ContinueAsync();
                else await e.Request.AbortAsync();
            };
            await page.SetContentAsync(html, new SetContentOptions { Timeout = 30_000 });
            return await page.PdfDataAsync(options);
        }
        catch (Exception ex) when (ex is PuppeteerException or TargetClosedException)
        {
            // A crashed browser is started again for the next letter.
            await ForgetBrowserAsync();
            throw new RendererUnavailableException("Chromium failed while rendering: " + ex.Message, ex);
        }
        finally
        {
            _tabs.Release();
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running) return running;
        if (!IsAvailable) throw new RendererUnavailableException("Chromium is not installed, so letters cannot be rendered yet. " + InstallHint);
        await _launch.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } started) return started;
            _browser = await Puppeteer.LaunchAsync(new LaunchOptions { ExecutablePath = executablePath, Headless = true, Args = Arguments });
            return _browser;
        }
        catch (Exception ex) when (ex is not RendererUnavailableException)
        {
            throw new RendererUnavailableException($"Chromium ({executablePath}) did not start: {ex.Message}", ex);
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task ForgetBrowserAsync()
    {
        var browser = _browser;
        _browser = null;
        if (browser is not null)
        {
            try
            {
                await browser.CloseAsync();
            }
            catch (Exception ex) when (ex is PuppeteerException or TargetClosedException or IOException)
            {
                // Already gone.
            }
            await browser.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ForgetBrowserAsync();
        _tabs.Dispose();
        _launch.Dispose();
    }
}
