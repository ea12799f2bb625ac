using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Signing;
using Microsoft.Playwright;
using MimeKit;

namespace Daftar.Browser.Tests;

/// <summary>
/// A letter's journey on screen, in the Hindi UI: the clerk drafts it, the section officer edits it, the deputy
/// secretary approves and signs it; it is dispatched electronically to the district office and by e-mail; then the QR
/// code is read from the PDF (by zbarimg, as a phone would) and the public verification page confirms it.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class LetterJourneyTests(BrowserApp app)
{
    private const string Pin = "471829";
    private const string Subject = "जिला स्तरीय ई-फाइल प्रशिक्षण का आयोजन";

    private async Task<IPage> HindiPageAsync(string employeeCode)
    {
        var page = await app.SignedInPageAsync(employeeCode);
        if (await page.Locator("html[lang=hi]").CountAsync() == 0) await page.GetByRole(AriaRole.Button, new() { Name = "हिन्दी" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=hi]");
        return page;
    }

    [Fact]
    public async Task ClerkDrafts_OfficerEdits_DeputySecretarySigns_DispatchedAndVerifiedFromTheQrCode()
    {
        var clerkApi = await app.ApiClientAsync(Demo.Clerk);
        var created = await clerkApi.PostAsJsonAsync("/api/files", new CreateFileCommand(Subject, 12, null));
        var fileId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        // 1. The clerk drafts the letter in Hindi from the file.
        var clerk = await HindiPageAsync(Demo.Clerk);
        await clerk.GotoAsync($"/Files/View?id={fileId}");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "नया प्रारूप" }).ClickAsync();
        await clerk.Locator("#Addressee").FillAsync("अपर जिला मजिस्ट्रेट,\nजयपुर");
        await clerk.Locator("#Body").FillAsync("उपरोक्त विषयान्तर्गत लेख है कि जिले के सभी लिपिकों का ई-फाइल प्रशिक्षण 10 दिसम्बर को होगा।");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "प्रारूप सहेजें" }).ClickAsync();
        await clerk.WaitForURLAsync("**/Letters/Draft?id=*");
        var draftPath = clerk.Url.Replace(app.BaseUrl, "");
        Assert.Contains("प्रारूप संस्करण 1 के रूप में सहेजा गया।", await clerk.Locator(".alert-success").TextContentAsync());
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await clerkApi.PostAsJsonAsync($"/api/files/{fileId}/send", new SendFileCommand(await app.PostIdAsync("SO-DOIT-GR1"), null))).StatusCode);

        // 2. The section officer edits it: version 2, and the change is shown.
        var officer = await HindiPageAsync(Demo.SectionOfficer);
        await officer.GotoAsync(draftPath);
        await officer.Locator("#Body").FillAsync("उपरोक्त विषयान्तर्गत लेख है कि जिले के सभी लिपिकों का ई-फाइल प्रशिक्षण 12 दिसम्बर को प्रातः 10 बजे होगा।");
        await officer.GetByRole(AriaRole.Button, new() { Name = "नए संस्करण के रूप में सहेजें" }).ClickAsync();
        await officer.Locator(".alert-success").WaitForAsync();
        Assert.Equal(2, await officer.Locator("#versions li").CountAsync());
        await officer.Locator("#versions a").First.ClickAsync();
        Assert.Contains("12 दिसम्बर", await officer.Locator("#diff").TextContentAsync());
        var officerApi = await app.ApiClientAsync(Demo.SectionOfficer);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await officerApi.PostAsJsonAsync($"/api/files/{fileId}/send", new SendFileCommand(await app.PostIdAsync("DS-DOIT"), "अनुमोदनार्थ"))).StatusCode);

        // 3. The deputy secretary approves version 2 and signs it with the PIN.
        var dsApi = await app.ApiClientAsync("RJ100010");
        Assert.Equal(System.Net.HttpStatusCode.Created, (await dsApi.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))).StatusCode);
        var ds = await HindiPageAsync("RJ100010");
        await ds.GotoAsync(draftPath);
        await ds.Locator("#Version").SelectOptionAsync("2");
        await ds.GetByRole(AriaRole.Button, new() { Name = "अनुमोदित करें" }).ClickAsync();
        await ds.Locator(".alert-success").WaitForAsync();
        await ds.Locator("#Pin").FillAsync(Pin);
        await ds.GetByRole(AriaRole.Button, new() { Name = "जारी करें और हस्ताक्षर करें" }).ClickAsync();
        await ds.Locator("#letter-number").WaitForAsync();
        var letterNumber = (await ds.Locator("#letter-number").TextContentAsync())!;

        // 4. Dispatched electronically to the district office (it arrives as a receipt) and by e-mail.
        await ds.Locator("#Mode").SelectOptionAsync("Electronic");
        var adm = await app.PostIdAsync("ADM-JPR");
        await ds.RunAndWaitForResponseAsync(() => ds.Locator("#AddresseeQ").FillAsync("Bishnoi"), r => r.Url.Contains("handler=Addressees"));
        await ds.Locator($"#addressee-{adm}").CheckAsync();
        await ds.GetByRole(AriaRole.Button, new() { Name = "प्रेषण", Exact = true }).ClickAsync();
        await ds.Locator(".alert-success").WaitForAsync();
        await ds.Locator("#Mode").SelectOptionAsync("Email");
        await ds.Locator("#Email").FillAsync("adm.jaipur@example.gov.in");
        await ds.GetByRole(AriaRole.Button, new() { Name = "प्रेषण", Exact = true }).ClickAsync();
        await ds.Locator(".alert-success").WaitForAsync();
        Assert.Equal(2, await ds.Locator("#dispatches li").CountAsync());
        var admPage = await HindiPageAsync("RJ100038");
        await admPage.GotoAsync("/Receipts");
        Assert.Contains(Subject, await admPage.Locator("main").TextContentAsync());
        var mail = await MimeMessage.LoadAsync(Directory.GetFiles(Path.Combine(app.Maildir, "new")).Select(f => new FileInfo(f)).OrderBy(f => f.LastWriteTimeUtc).Last().FullName);
        Assert.Contains(letterNumber, mail.Subject);

        // 5. The QR code is read from the PDF and leads to the verification page, which confirms the letter.
        var pdf = await dsApi.GetByteArrayAsync((await (await dsApi.GetAsync($"/api/drafts/{draftPath.Split('=')[1]}")).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("letter").GetProperty("pdfUrl").GetString());
        var dir = Directory.CreateTempSubdirectory("daftar-qr-").FullName;
        await File.WriteAllBytesAsync(Path.Combine(dir, "letter.pdf"), pdf);
        Tools.Run("pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", Path.Combine(dir, "letter.pdf"), Path.Combine(dir, "page"));
        var url = Tools.Run("zbarimg", "--raw", "-q", Directory.GetFiles(dir, "page*.png").Single()).Output.Trim();
        Assert.Matches("/verify/[2-9A-Z]{10}$", url);
        var citizen = await app.NewPageAsync(400, 800);   // a phone, not signed in
        await citizen.GotoAsync(new Uri(url).PathAndQuery);
        Assert.Contains("alert-success", await citizen.Locator("#verify-verdict").GetAttributeAsync("class"));
        Assert.Contains(letterNumber, await citizen.Locator("#verify-verdict").TextContentAsync());
        Assert.Contains("Vikram Singh Shekhawat", await citizen.Locator("#signatures").TextContentAsync());
    }
}
