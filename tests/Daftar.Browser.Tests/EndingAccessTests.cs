using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Daftar.Browser.Tests;

/// <summary>Issue #30, items 2 and 3: live notices stop for people who are out, and signing out ends the session.</summary>
[Collection(nameof(BrowserCollection))]
public class EndingAccessTests(BrowserApp app)
{
    private static DateOnly Today => Daftar.OfficeTime.DateOf(DateTimeOffset.UtcNow);

    private async Task<int> SendNewFileAsync(string senderCode, string subject, string toPost)
    {
        var sender = await app.ApiClientAsync(senderCode);
        var created = await sender.PostAsJsonAsync("/api/files", new CreateFileCommand(subject, 12, null));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var sent = await sender.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(await app.PostIdAsync(toPost), null));
        Assert.Equal(HttpStatusCode.NoContent, sent.StatusCode);
        return id;
    }

    [Fact]
    public async Task APostingEnded_TakesTheOpenPageOutOfThatPost_AndAPostingGivenAgain_BringsItBack()
    {
        const string officerCode = "RJ100026";   // Deputy Secretary, Revenue
        var officer = await app.SignedInPageAsync(officerCode);
        await officer.GotoAsync("/Files/Inbox");
        await officer.Locator("#live-notices[data-connected=true]").WaitForAsync();

        var admin = await app.ApiClientAsync(Demo.Admin);
        var employeeId = await app.EmployeeIdAsync(officerCode);
        var post = await app.PostIdAsync("DS-REV");
        var posting = await app.WithDbAsync(db => db.PostAssignments.Where(a => a.EmployeeId == employeeId && a.PostId == post && a.To == null).Select(a => a.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/assignments/{posting}/end", new EndAssignmentCommand(Today.AddDays(-1)))).StatusCode);

        await SendNewFileAsync(Demo.Clerk, "SECRET disciplinary case after the posting ended", "DS-REV");

        // Posted there again from today, the same open page hears of the next file (so it was listening all along).
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/employees/{employeeId}/assignments",
            new AssignPostCommand(post, Daftar.People.ChargeKind.Primary, Today, null))).StatusCode);
        await SendNewFileAsync(Demo.Clerk, "Routine file after the new posting", "DS-REV");
        await officer.Locator(".live-notice", new() { HasText = "Routine file after the new posting" }).WaitForAsync(new() { Timeout = 15_000 });
        Assert.Equal(0, await officer.Locator(".live-notice", new() { HasText = "SECRET disciplinary case" }).CountAsync());
    }

    [Fact]
    public async Task SigningOutInAnotherTab_ClosesTheOpenTabsNotices_AndACopyOfTheCookieIsRefused()
    {
        const string officerCode = "RJ100027";   // Section Officer, Revenue GR-1
        var tab = await app.SignedInPageAsync(officerCode);
        await tab.GotoAsync("/Files/Inbox");
        await tab.Locator("#live-notices[data-connected=true]").WaitForAsync();
        var copied = await tab.Context.CookiesAsync();
        Assert.Contains(copied, c => c.Name == "daftar.auth");

        // The copy works while the session lasts.
        var thief = await app.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        await thief.AddCookiesAsync(copied.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        var stolen = await thief.NewPageAsync();
        await stolen.GotoAsync("/Files/Inbox");
        Assert.Contains("/Files/Inbox", stolen.Url);

        var other = await tab.Context.NewPageAsync();
        await other.GotoAsync("/");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await other.WaitForURLAsync("**/Account/SignIn**");

        // The server closed the open tab's connection; a file sent now is not shown there.
        await tab.Locator("#live-notices[data-connected=false]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        await SendNewFileAsync(Demo.Clerk, "SECRET file after signing out", "SO-REV-GR1");
        await Task.Delay(3000);
        Assert.Equal(0, await tab.Locator(".live-notice", new() { HasText = "SECRET file after signing out" }).CountAsync());

        // The copy taken before signing out no longer opens anything.
        await stolen.GotoAsync("/Files/Inbox");
        Assert.Contains("/Account/SignIn", stolen.Url);
        await thief.CloseAsync();
    }
}
