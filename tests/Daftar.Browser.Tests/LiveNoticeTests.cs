using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
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
}
