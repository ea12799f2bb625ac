using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Daftar.Browser.Tests;

[Collection(nameof(BrowserCollection))]
public class LiveNoticeTests(BrowserApp app)
{
    [Fact]
    public async Task FileSentToMyPost_AppearsLiveOnMyOpenPage()
    {
        var officer = await app.SignedInPageAsync(Demo.SectionOfficer);
        await officer.GotoAsync("/Files/Inbox");
        await officer.Locator("#live-notices[data-connected=true]").WaitForAsync();

        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var created = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Live notice test file", 12, null));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(await app.PostIdAsync("SO-DOIT-GR1"), null));

        var notice = officer.Locator(".live-notice", new() { HasText = "Live notice test file" });
        await notice.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("A file has arrived", await notice.TextContentAsync());
        await notice.GetByRole(AriaRole.Link).ClickAsync();
        await officer.WaitForURLAsync($"**/Files/View?id={id}");
    }

    [Fact]
    public async Task OverdueFiles_AreRemindedLive_ByTheBackgroundService()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var created = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Overdue reminder test file", 12, null));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var ds = await app.PostIdAsync("DS-DOIT");
        await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(ds, null, DueOn: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1)));
        // Two days pass: the due date is now behind us (moved in the database, as the clock cannot be).
        await app.WithDbAsync(db => db.Movements.Where(m => m.FileId == id && m.Kind == Daftar.Files.MovementKind.Sent)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DueOn, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1))));
        await app.WithDbAsync(db => db.Files.Where(f => f.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ArrivalDueOn, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1))));

        var officer = await app.SignedInPageAsync("RJ100010");   // Deputy Secretary, DoIT&C
        await officer.GotoAsync("/");
        var notice = officer.Locator(".live-notice", new() { HasText = "past their due date" });
        await notice.First.WaitForAsync(new() { Timeout = 30_000 });
        await notice.First.GetByRole(AriaRole.Link).ClickAsync();
        await officer.WaitForURLAsync("**/Files/Inbox?tab=overdue");
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync("Overdue reminder test file");
    }

    [Fact]
    public async Task MeetingInvitation_AppearsLiveOnTheInvitedPostsOpenPage()
    {
        var sho = await app.SignedInPageAsync("RJ100059");   // SHO Chomu
        await sho.GotoAsync("/Meetings");
        await sho.Locator("#live-notices[data-connected=true]").WaitForAsync();

        var igp = await app.ApiClientAsync("RJ100053");
        var created = await igp.PostAsJsonAsync("/api/meetings", new Daftar.Web.Features.Meetings.MeetingCommand("Live invitation review", Daftar.Meetings.MeetingPurpose.Review, null,
            await app.PostIdAsync("IGP-JPR"), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2), "10:00", 30, PostIds: [await app.PostIdAsync("SHO-CHOMU")]));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var notice = sho.Locator(".live-notice", new() { HasText = "Live invitation review" });
        await notice.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("You are invited to a meeting", await notice.TextContentAsync());
        await notice.GetByRole(AriaRole.Link).ClickAsync();
        await sho.WaitForURLAsync($"**/Meetings/View/{id}");
    }
}
