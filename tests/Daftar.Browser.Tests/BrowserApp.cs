using System.Net;
using Daftar.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Daftar.Browser.Tests;

/// <summary>Daftar on real Kestrel at a free loopback port, driven by Debian's Chromium through Playwright (with an SMTP server of its own).</summary>
public sealed class BrowserApp : MailFactory
{
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? _playwright;
    public IBrowser Chromium { get; private set; } = null!;
    private string? _adminState;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        ClientOptions.BaseAddress = new Uri(BaseUrl);
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("DAFTAR_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // Fake camera and microphone, and WebRTC over loopback addresses (the tests run in a network namespace with Janus on 127.0.0.2).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--allow-loopback-in-peer-connection", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
        });
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Overdue reminders every few seconds, so that a test can watch one arrive.
        builder.UseSetting("Files:ReminderMinutes", "0.05");
        // The Janus and coturn that test.sh starts inside the tests' network namespace (tools/in-media-namespace.sh).
        if (Environment.GetEnvironmentVariable("DAFTAR_JANUS_URL") is { Length: > 0 } janus)
        {
            builder.UseSetting("Janus:Servers:0:Name", "local");
            builder.UseSetting("Janus:Servers:0:Url", janus);
            builder.UseSetting("Janus:Servers:0:TokenSecret", Environment.GetEnvironmentVariable("DAFTAR_JANUS_TOKEN_SECRET"));
            builder.UseSetting("Janus:Servers:0:RoomAdminKey", Environment.GetEnvironmentVariable("DAFTAR_JANUS_ROOM_KEY"));
            builder.UseSetting("Turn:Urls", Environment.GetEnvironmentVariable("DAFTAR_TURN_URLS"));
            builder.UseSetting("Turn:Secret", Environment.GetEnvironmentVariable("DAFTAR_TURN_SECRET"));
        }
        builder.UseSetting("Meetings:PollSeconds", "1");
    }

    protected override async Task CleanupAsync()
    {
        if (Chromium is not null) await Chromium.CloseAsync();
        _playwright?.Dispose();
        await base.CleanupAsync();
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800) => await NewPageAsync(width, height, storageState: null);

    private async Task<IPage> NewPageAsync(int width, int height, string? storageState)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-IN",
            StorageState = storageState,
        });
        // Generous limits: on a loaded 2-core CI machine a page can take seconds, and a wait that times out is a false failure.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page; for an administrator, passes two-factor with a fresh TOTP code.</summary>
    public async Task<IPage> SignedInPageAsync(string employeeCode, int width = 1280)
    {
        var isAdmin = employeeCode == Demo.Admin;
        // An authenticator code is good once, so each administrator sign-in waits for the next 30-second step: pages after
        // the first open in a copy of the administrator's signed-in browser state (cookies) while that session lasts.
        if (isAdmin && _adminState is { } state)
        {
            var again = await NewPageAsync(width, 800, state);
            await again.GotoAsync("/");
            if (!again.Url.Contains("/Account/", StringComparison.Ordinal)) return again;
            await again.Context.CloseAsync();
        }
        var key = isAdmin ? await EnableTwoFactorAsync(employeeCode) : null;
        var page = await NewPageAsync(width);
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("Employee code or e-mail").FillAsync(employeeCode);
        await page.GetByLabel("Password").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (key is not null)
        {
            await page.GetByLabel("Code from your authenticator app").FillAsync(await FreshTotpAsync(employeeCode, key));
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        }
        // Signed in: the first page after sign-in (whatever the officer's language), not the sign-in or two-factor page.
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.Ordinal));
        if (isAdmin) _adminState = await page.Context.StorageStateAsync();
        return page;
    }
}

[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>;
