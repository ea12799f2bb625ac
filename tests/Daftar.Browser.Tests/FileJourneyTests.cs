using System.Text;
using Daftar.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Daftar.Browser.Tests;

/// <summary>
/// The paper file's journey, on screen, in the Hindi UI: a gram vikas adhikari diarises a scanned letter and opens a
/// file on it, the file goes up through the BDO to the SDO, the SDO pulls back a mistaken send, the Collector
/// returns it with a note.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class FileJourneyTests(BrowserApp app)
{
    private static readonly byte[] ScannedLetter = Daftar.Tests.Infrastructure.TestPdf.Pages(1, "Scanned letter");

    private async Task<IPage> HindiPageAsync(string employeeCode)
    {
        var page = await app.SignedInPageAsync(employeeCode);
        if (await page.Locator("html[lang=hi]").CountAsync() == 0) await page.GetByRole(AriaRole.Button, new() { Name = "हिन्दी" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=hi]");
        return page;
    }

    /// <summary>Types the search, waits for htmx to swap in its answer, then picks the post (not a list about to be replaced).</summary>
    private static async Task ChooseRecipientAsync(IPage page, string search, string postTitleHi)
    {
        await page.RunAndWaitForResponseAsync(() => page.Locator("#Q").FillAsync(search), r => r.Url.Contains("handler=Recipients"));
        await page.WaitForFunctionAsync("() => !document.querySelector('#Q').classList.contains('htmx-request') && !document.querySelector('#recipients.htmx-swapping, #recipients.htmx-settling')");
        var label = page.Locator("#recipients label", new() { HasText = postTitleHi }).First;
        var radio = page.Locator($"#{await label.GetAttributeAsync("for")}");
        await radio.CheckAsync();
        Assert.True(await radio.IsCheckedAsync());
    }

    private static async Task WriteNoteAndSendAsync(IPage page, string note, string recipientSearch, string recipientPostTitleHi)
    {
        await page.Locator("#Text").FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "प्रारूप सहेजें" }).ClickAsync();
        await page.Locator(".alert-success").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "भेजें", Exact = true }).ClickAsync();
        await ChooseRecipientAsync(page, recipientSearch, recipientPostTitleHi);
        await page.GetByRole(AriaRole.Button, new() { Name = "भेजें", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/Files/Inbox");
        Assert.Contains("पत्रावली भेजी गई।", await page.Locator(".alert-success").TextContentAsync());
    }

    [Fact]
    public async Task GramVikasAdhikari_To_Collector_AndBack_InHindi()
    {
        // 1. The gram vikas adhikari of Muhana diarises a scanned letter.
        var gva = await HindiPageAsync("RJ100049");
        await gva.GotoAsync("/Receipts/New");
        await gva.Locator("#Sender").FillAsync("जिला कलेक्टर, जयपुर");
        await gva.Locator("#Subject").FillAsync("ग्राम पंचायत भवन मरम्मत प्रस्ताव");
        await gva.Locator("#Documents").SetInputFilesAsync(new FilePayload { Name = "patra.pdf", MimeType = "application/pdf", Buffer = ScannedLetter });
        await gva.GetByRole(AriaRole.Button, new() { Name = "डायरी करें", Exact = true }).ClickAsync();
        await gva.WaitForURLAsync("**/Receipts/View?id=*");
        Assert.Contains("आवती डायरी की गई।", await gva.Locator(".alert-success").TextContentAsync());
        Assert.Matches(@"\d+/\d{4}/RDPR-GEN", await gva.Locator("h1").TextContentAsync());
        Assert.Equal(1, await gva.Locator("#receipt-documents li").CountAsync());

        // 2. … opens a file on it, writes a note and sends it to the BDO.
        await gva.GetByRole(AriaRole.Button, new() { Name = "पत्रावली में रखें" }).ClickAsync();
        await gva.WaitForURLAsync("**/Files/View?id=*");
        var fileUrl = gva.Url;
        Assert.Contains("ग्राम पंचायत भवन मरम्मत प्रस्ताव", await gva.Locator("#correspondence-list").TextContentAsync());
        await WriteNoteAndSendAsync(gva, "भवन की छत जर्जर है। मरम्मत हेतु प्रस्ताव प्रस्तुत है।", "विकास अधिकारी", "पंचायत समिति, सांगानेर");

        // 3. The BDO sees it new in the inbox, notes, and sends it to the SDO.
        var bdo = await HindiPageAsync("RJ100047");
        await bdo.GotoAsync("/Files/Inbox?tab=new");
        await bdo.Locator("#inbox a", new() { HasText = "ग्राम पंचायत भवन मरम्मत प्रस्ताव" }).ClickAsync();
        Assert.Contains("भवन की छत जर्जर है।", await bdo.Locator("#notes").TextContentAsync());
        await WriteNoteAndSendAsync(bdo, "अनुशंसा सहित उपखण्ड अधिकारी को प्रेषित।", "उपखण्ड", "उपखण्ड अधिकारी कार्यालय, सांगानेर");

        // 4. The SDO sends it to the wrong post, pulls it back before it is opened, and sends it to the Collector.
        var sdo = await HindiPageAsync(Demo.SdoSanganer);
        await sdo.GotoAsync(fileUrl.Replace(app.BaseUrl, ""));
        await WriteNoteAndSendAsync(sdo, "जिला कलेक्टर महोदय के अवलोकनार्थ।", "तहसीलदार", "तहसीलदार, उपखण्ड अधिकारी कार्यालय, सांगानेर");
        await sdo.GotoAsync(fileUrl.Replace(app.BaseUrl, ""));
        await sdo.GetByRole(AriaRole.Button, new() { Name = "वापस लें" }).ClickAsync();
        Assert.Contains("पत्रावली वापस ली गई।", await sdo.Locator(".alert-success").TextContentAsync());
        await sdo.GetByRole(AriaRole.Link, new() { Name = "भेजें", Exact = true }).ClickAsync();
        await ChooseRecipientAsync(sdo, "कलेक्टर", "जिला कलेक्टर, जिला कलेक्टर कार्यालय, जयपुर");
        await sdo.GetByRole(AriaRole.Button, new() { Name = "भेजें", Exact = true }).ClickAsync();
        await sdo.WaitForURLAsync("**/Files/Inbox");

        // 5. The Collector returns it to the SDO with a note.
        var collector = await HindiPageAsync(Demo.Collector);
        await collector.GotoAsync("/Files/Inbox?tab=new");
        await collector.Locator("#inbox a", new() { HasText = "ग्राम पंचायत भवन मरम्मत प्रस्ताव" }).ClickAsync();
        await WriteNoteAndSendAsync(collector, "स्वीकृत। पंचायत समिति मद से कार्य कराया जाए।", "अर्पिता", "उपखण्ड अधिकारी कार्यालय, सांगानेर");

        // Every step is on the file: four green notes in order, the pulled-back send, and the file back with the SDO.
        await sdo.GotoAsync(fileUrl.Replace(app.BaseUrl, ""));
        var notes = await sdo.Locator("#notes li.note-green .note-body").AllTextContentsAsync();
        Assert.Equal(4, notes.Count);
        Assert.Contains("स्वीकृत।", notes[3]);
        var movements = await sdo.Locator("#movements").TextContentAsync();
        Assert.Contains("वापस ली गई", movements);
        var id = int.Parse(fileUrl.Split('=')[1]);
        var holder = await app.WithDbAsync(db => db.Files.Where(f => f.Id == id).Select(f => f.HolderPost.Code).SingleAsync());
        Assert.Equal("SDO-SANGANER", holder);
    }
}
