using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Daftar.Browser.Tests;

/// <summary>
/// Issue #32's journey on screen, in the Hindi UI: a section officer of the Home department reviews the catalogue's
/// verdicts and asks what digitising the records would change; the Collector records nothing new but makes and publishes
/// next week's roster; the land records clerk sees his days and marks that he works from home today; his officer, the
/// ADM, sees it in the register with the day's file work.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class WorkFromHomeJourneyTests(BrowserApp app)
{
    private async Task<IPage> HindiPageAsync(string employeeCode)
    {
        var page = await app.SignedInPageAsync(employeeCode);
        // The account remembers its language: an officer another journey switched to Hindi signs in in Hindi already.
        if (await page.Locator("html[lang=hi]").CountAsync() == 0)
            await page.GetByRole(AriaRole.Button, new() { Name = "हिन्दी" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=hi]");
        return page;
    }

    [Fact]
    public async Task Catalogue_Roster_Attendance_AndRegister_InHindi()
    {
        // 1. The section officer of the Home department: his post is "partly" because the arms licence registers are on paper.
        var so = await HindiPageAsync("RJ100018");
        await so.GotoAsync("/WorkFromHome/Catalogue");
        var post = so.Locator("#post-verdicts tr[data-post='SO-HOME-GR1']");
        Assert.Equal("Partly", await post.GetAttributeAsync("data-verdict"));
        Assert.Contains("आंशिक", await post.TextContentAsync());
        Assert.Contains("शस्त्र अनुज्ञा अपील", await post.TextContentAsync());
        Assert.Contains("ऐसे भौतिक अभिलेख आवश्यक जो डिजिटल नहीं हैं", await so.Locator("#task-verdicts tr[data-task='ARMS-APPEALS']").TextContentAsync());
        // … and asks what would change if the records were digitised: the post could work from home, and the page says what it was.
        await so.GetByLabel("अभिलेख डिजिटल हो जाएँ").CheckAsync();
        await so.GetByRole(AriaRole.Button, new() { Name = "निर्णय दिखाएँ" }).ClickAsync();
        await so.WaitForURLAsync("**Assume=PhysicalRecords**");
        post = so.Locator("#post-verdicts tr[data-post='SO-HOME-GR1']");
        Assert.Equal("Home", await post.GetAttributeAsync("data-verdict"));
        Assert.Contains("पहले", await post.TextContentAsync());

        // 2. The Collector makes next week's roster for the Collectorate and publishes it.
        var collector = await HindiPageAsync(Demo.Collector);
        await collector.GotoAsync("/WorkFromHome/Roster");
        var monday = Daftar.WorkFromHome.RosterPlanner.WeekOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5))).AddDays(7);
        await collector.Locator("#From").FillAsync(monday.ToString("yyyy-MM-dd"));
        await collector.Locator("#To").FillAsync(monday.AddDays(6).ToString("yyyy-MM-dd"));
        await collector.GetByRole(AriaRole.Button, new() { Name = "रोस्टर बनाएँ" }).ClickAsync();
        await collector.Locator("#roster-grid").WaitForAsync();
        Assert.Equal(5, await collector.Locator("#roster-grid tbody tr").CountAsync());
        Assert.Contains("अनुभाग में कार्यालय में आवश्यक व्यक्तियों से 1 कम हैं।", await collector.Locator("#problems").TextContentAsync());
        await collector.Locator("#publish").ClickAsync();
        Assert.Contains("रोस्टर प्रकाशित हो गया", await collector.Locator(".alert-success").TextContentAsync());

        // 3. The land records clerk sees his office days next week and marks that he works from home today.
        var clerk = await HindiPageAsync("RJ100041");
        await clerk.GotoAsync($"/WorkFromHome?week={monday:yyyy-MM-dd}");
        Assert.Equal(3, await clerk.Locator("#my-days li.text-bg-primary").CountAsync());   // his land-records work needs three days a week
        await clerk.GotoAsync("/WorkFromHome");
        await clerk.Locator("#mark").GetByRole(AriaRole.Button, new() { Name = "घर से", Exact = true }).ClickAsync();
        Assert.Contains("घर से", await clerk.Locator("#marked-today").TextContentAsync());
        // His day's e-File work: a file sent up to the ADM.
        var api = await app.ApiClientAsync("RJ100041");
        var head = (await api.GetFromJsonAsync<JsonElement>("/api/file-heads"))[0].GetProperty("number").GetInt32();
        var created = await api.PostAsJsonAsync("/api/files", new { subject = "नामांतरण प्रकरण ग्राम मुहाना", headNumber = head, category = "Land records" });
        var file = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await api.PostAsJsonAsync($"/api/files/{file}/notes", new { text = "नामांतरण स्वीकृति हेतु प्रस्तुत।" });
        var adm = await app.WithDbAsync(db => db.Posts.Where(p => p.Code == "ADM-JPR").Select(p => p.Id).SingleAsync());
        Assert.True((await api.PostAsJsonAsync($"/api/files/{file}/send", new { toPostId = adm, remarks = "अवलोकनार्थ" })).IsSuccessStatusCode);

        // 4. The ADM sees him at home in the register, with the file sent and the note written today.
        var officer = await HindiPageAsync("RJ100038");
        await officer.GotoAsync("/WorkFromHome/Register");
        var row = officer.Locator("#register tr[data-post='UDC-JPR-LR']");
        var cells = await row.Locator("td").AllTextContentsAsync();
        Assert.Contains("घर से", cells[2]);
        Assert.Equal(["1", "1"], cells.Skip(4).Take(2).Select(c => c.Trim()));

        // The accounts remember the language: give these officers back the English other journeys expect of them.
        foreach (var page in new[] { so, collector, clerk, officer })
        {
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await page.WaitForSelectorAsync("html[lang=en]");
        }
    }
}
