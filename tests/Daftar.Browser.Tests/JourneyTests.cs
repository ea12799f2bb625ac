using System.Net.Http.Json;
using System.Text;
using Daftar.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Daftar.Browser.Tests;

[Collection(nameof(BrowserCollection))]
public class JourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Administrator_SetsUpTwoFactorAtFirstSignIn_ThenSignsInWithTheAuthenticatorCode()
    {
        const string admin = Demo.Admin;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Daftar.Accounts.Account>>();
            var account = (await users.FindByNameAsync(admin))!;
            await users.SetTwoFactorEnabledAsync(account, false);
            await users.ResetAuthenticatorKeyAsync(account);
        }
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("Employee code or e-mail").FillAsync(admin);
        await page.GetByLabel("Password").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync("**/Account/Manage/TwoFactor?required=true");
        var key = (await page.Locator("#shared-key").TextContentAsync())!.Replace(" ", "").ToUpperInvariant();
        await page.GetByLabel("Code from your authenticator app").FillAsync(await app.FreshTotpAsync(admin, key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        Assert.Equal(10, await page.Locator("#recovery-codes li").CountAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Administration", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/People/Admin");
        Assert.Equal("Administration", await page.Locator("h1").TextContentAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/SignIn");
        await page.GetByLabel("Employee code or e-mail").FillAsync(admin);
        await page.GetByLabel("Password").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/TwoFactor**");
        await page.GetByLabel("Code from your authenticator app").FillAsync("123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        Assert.Contains("The code is wrong", await page.Locator("[role=alert]").First.TextContentAsync());
        await page.GetByLabel("Code from your authenticator app").FillAsync(await app.FreshTotpAsync(admin, key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/");
        Assert.Contains("Ankit Mathur", await page.Locator("h1").TextContentAsync());
    }

    [Fact]
    public async Task LanguageSwitch_TurnsThePagesHindi_AndStaysHindi()
    {
        var page = await app.SignedInPageAsync("RJ100031");
        await page.GetByRole(AriaRole.Button, new() { Name = "हिन्दी" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=hi]");
        Assert.Contains("स्वागत है, सुमन लता", await page.Locator("h1").TextContentAsync());
        await page.ReloadAsync();
        Assert.Equal("hi", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GetByRole(AriaRole.Link, new() { Name = "संगठन", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/People");
        Assert.Equal("संगठन", await page.Locator("h1").TextContentAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=en]");
        Assert.Equal("Organisation", await page.Locator("h1").TextContentAsync());
    }

    [Fact]
    public async Task BrowsingTheOrganisation_OpensTheTreeDownToAPoliceStation_AndSearchFindsPeopleInHindi()
    {
        var page = await app.SignedInPageAsync("RJ100018");
        await page.GotoAsync("/People");
        foreach (var office in new[] { "Government Secretariat, Jaipur", "Home Department, Secretariat", "Police Headquarters, Jaipur", "Jaipur Range", "District Police, Jaipur Rural", "Circle Chaksu" })
        {
            var node = page.Locator($"li:has(> a:text-is('{office}')) > details");
            await node.Locator("summary").ClickAsync();
            await node.Locator("ul > li > span.badge").First.WaitForAsync();
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Police Station Chaksu" }).ClickAsync();
        await page.WaitForURLAsync("**/People/Office?id=*");
        Assert.Contains("Ramavtar Meena", await page.Locator("main").TextContentAsync());
        Assert.Contains("Circle Chaksu", await page.Locator("nav[aria-label='Office path']").TextContentAsync());

        await page.GotoAsync("/People");
        await page.GetByLabel("Find a person, post or office (Hindi or English)").PressSequentiallyAsync("मीणा");
        await page.Locator("#results a:has-text('Hanuman Sahay Meena')").WaitForAsync();
        Assert.True(await page.Locator("#results li").CountAsync() >= 3);
    }

    [Fact]
    public async Task Import_WithABadRow_ShowsProgressAndTheRowAndColumnOfTheError_AndSavesNothing()
    {
        var page = await app.SignedInPageAsync(Demo.Admin);
        await page.GotoAsync("/People/Admin/Import");
        var csv = "employee_code,name_en,name_hi,mobile\nRJ880001,Browser One,ब्राउज़र एक,9876543210\nRJ880002,Browser Two,ब्राउज़र दो,12345\n";
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "master.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await page.Locator("#import-result").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("100", await page.Locator("progress").GetAttributeAsync("value"));
        Assert.Contains("Nothing was imported", await page.Locator("#import-result").TextContentAsync());
        var cells = await page.Locator("#import-errors tbody tr td").AllTextContentsAsync();
        Assert.Equal(["3", "mobile", "Mobile must be a 10-digit Indian mobile number."], cells);
        Assert.False(await app.WithDbAsync(db => db.Employees.AnyAsync(e => e.Code == "RJ880001")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/People")]
    [InlineData("/People/Search?q=meena")]
    [InlineData("/Me")]
    [InlineData("/People/Admin")]
    [InlineData("/People/Admin/Import")]
    [InlineData("/Meetings")]
    [InlineData("/Meetings/New")]
    [InlineData("/Meetings/Actions")]
    [InlineData("/Meetings/Dashboard")]
    public async Task MainPages_HaveNoSeriousAccessibilityViolations_AndFitAPhone(string url)
    {
        var page = await app.SignedInPageAsync(Demo.Admin);
        await AssertAccessibleAsync(page, url);
        var phone = await app.SignedInPageAsync(Demo.Admin, width: 360);
        await phone.GotoAsync(url);
        var overflow = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{url} is {overflow}px wider than a 360px phone");
    }

    /// <summary>
    /// Issue #5: the inbox page, opened by a browser that has nothing cached yet (a new phone, a cleared cache), transfers
    /// at most 150 KB: the page with a full page of 50 files, and every style sheet and script it loads. The second
    /// visit re-uses the versioned assets without asking for them again.
    /// </summary>
    [Fact]
    public async Task InboxPage_WithFiftyFiles_TransfersAtMost150KB_OnAFirstVisit()
    {
        var api = await app.ApiClientAsync(Demo.Clerk);
        var inbox = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/inbox?tab=opened");
        for (var i = inbox.GetProperty("counts").GetProperty("opened").GetInt32(); i < 55; i++)
        {
            var created = await api.PostAsJsonAsync("/api/files", new Daftar.Web.Features.Files.CreateFileCommand(
                $"जिला स्तरीय समिति की बैठक हेतु प्रस्ताव {i}: procurement of laptops and data cards for work from home", 12, "Procurement"));
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var signedIn = await app.SignedInPageAsync(Demo.Clerk);
        var cookies = await signedIn.Context.CookiesAsync();
        var page = await app.NewPageAsync();   // a new browser context: an empty cache
        await page.Context.AddCookiesAsync(cookies.Select(c => new Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = c.Path,
            Expires = c.Expires,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        }));
        long transferred = 0;
        var requests = new List<string>();
        var measured = new List<Task>();
        page.RequestFinished += (_, request) => measured.Add(Task.Run(async () =>
        {
            var sizes = await request.SizesAsync();
            // A response served from the browser's cache has no sizes (negative): nothing crossed the network.
            var bytes = Math.Max(0, sizes.ResponseBodySize) + Math.Max(0, sizes.ResponseHeadersSize);
            Interlocked.Add(ref transferred, bytes);
            lock (requests) requests.Add($"{request.Url} {bytes} B");
        }));
        await page.GotoAsync("/Files/Inbox?tab=opened");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(50, await page.Locator("#inbox tbody tr").CountAsync());
        await Task.WhenAll(measured);
        Assert.True(transferred <= 150 * 1024, $"{transferred / 1024} KB transferred:\n" + string.Join("\n", requests));
        Console.WriteLine($"Inbox page, first visit: {transferred / 1024.0:0.0} KB transferred\n" + string.Join("\n", requests));

        // Again, as an officer moves between pages all day: the versioned style sheets and scripts come from the browser's
        // cache (no body crosses the network), as their headers allow for a year.
        var again = new List<(string Url, long Body)>();
        var measuredAgain = new List<Task>();
        page.RequestFinished += (_, request) => measuredAgain.Add(Task.Run(async () =>
        {
            var sizes = await request.SizesAsync();
            lock (again) again.Add((request.Url, sizes.ResponseBodySize));
        }));
        await page.GotoAsync("/Files/Inbox?tab=new");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Task.WhenAll(measuredAgain);
        var assets = again.Where(r => r.Url.Contains("/lib/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(assets);
        Assert.True(assets.All(r => r.Body <= 0), string.Join("\n", again));
        var css = await app.CreateClient().GetAsync(requests.Select(r => r.Split(' ')[0]).First(u => u.Contains("bootstrap.min.css", StringComparison.Ordinal)));
        Assert.Contains("immutable", css.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task SignInAndOfficePages_HaveNoSeriousAccessibilityViolations()
    {
        var anonymous = await app.NewPageAsync();
        await AssertAccessibleAsync(anonymous, "/Account/SignIn");
        var page = await app.SignedInPageAsync(Demo.Clerk);
        var office = await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "SECT-DOIT").Select(o => o.Id).SingleAsync());
        await AssertAccessibleAsync(page, $"/People/Office?id={office}");
        // The clerk may already prefer Hindi (another journey switched their account): switch only when the page is English.
        if (await page.Locator("html[lang=hi]").CountAsync() == 0) await page.GetByRole(AriaRole.Button, new() { Name = "हिन्दी" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=hi]");
        await AssertAccessibleAsync(page, "/People");
    }

    [Fact]
    public async Task MeetingPages_HaveNoSeriousAccessibilityViolations_AndFitAPhone()
    {
        var api = await app.ApiClientAsync("RJ100053");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5));
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/meetings", new
        {
            title = "Accessible review",
            purpose = 1,
            chairPostId = await app.PostIdAsync("IGP-JPR"),
            firstDay = today.AddDays(-1),
            startTime = "10:00",
            durationMinutes = 30,
            recurrence = 1,
            until = today.AddDays(2),
            postIds = new[] { await app.PostIdAsync("SHO-CHAKSU") },
            agenda = new[] { new { title = "Crime figures" } },
            notify = false,
        });
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content)).GetProperty("id").GetInt32();
        var held = await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.MeetingId == id).OrderBy(o => o.Number).Select(o => o.Id).FirstAsync());
        await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(api, $"/api/occurrences/{held}/minutes", new { body = "Minutes." });
        var page = await app.SignedInPageAsync("RJ100053");
        var phone = await app.SignedInPageAsync("RJ100053", width: 360);
        foreach (var url in new[] { $"/Meetings/View/{id}", $"/Meetings/Occurrence/{held}", $"/Meetings/New?id={id}" })
        {
            await AssertAccessibleAsync(page, url);
            await phone.GotoAsync(url);
            var overflow = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{url} is {overflow}px wider than a 360px phone");
        }
    }

    [Fact]
    public async Task InboxTabs_OnAPhone_StayOneRowThatScrollsSideways_AndTheHomePageShowsTheCounts()
    {
        var phone = await app.SignedInPageAsync(Demo.SectionOfficer, width: 360);
        await phone.GotoAsync("/Files/Inbox");
        var row = await phone.EvaluateAsync<double>("document.getElementById('inbox-tabs').getBoundingClientRect().height");
        var tab = await phone.EvaluateAsync<double>("document.querySelector('#inbox-tabs .nav-link').getBoundingClientRect().height");
        Assert.True(row <= tab + 4, $"the tabs take {row}px, one tab {tab}px: they wrapped");
        Assert.True(await phone.EvaluateAsync<bool>("(() => { const t = document.getElementById('inbox-tabs'); return t.scrollWidth > t.clientWidth; })()"),
            "at 360px the tabs should scroll sideways, the last ones reachable");
        await phone.GotoAsync("/");
        await Assertions.Expect(phone.Locator("#inbox-counts a")).ToHaveCountAsync(3);
    }

    private static async Task AssertAccessibleAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{url}: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}
