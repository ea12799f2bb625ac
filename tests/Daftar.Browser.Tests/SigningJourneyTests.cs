using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Microsoft.Playwright;

namespace Daftar.Browser.Tests;

/// <summary>An officer enrols for signing, signs a green note with the PIN on the file page, and a second officer sees it verified.</summary>
[Collection(nameof(BrowserCollection))]
public class SigningJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task OfficerEnrolsAndSignsANote_AnotherOfficerSeesTheSignatureVerified()
    {
        // The file and its green note, made through the API to keep the test on signing.
        var api = await app.ApiClientAsync("RJ100012");   // ASO, DoIT&C GR-1
        var created = await api.PostAsJsonAsync("/api/files", new CreateFileCommand("Annual maintenance of the data centre", 12, null));
        var fileId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var saved = await api.PostAsJsonAsync($"/api/files/{fileId}/notes", new SaveNoteCommand("The AMC proposal is placed below for approval."));
        var noteId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await api.PostAsync($"/api/notes/{noteId}/confirm", null);

        var page = await app.SignedInPageAsync("RJ100012");
        await page.GotoAsync("/Me/Signing");
        await page.Locator("#pin").FillAsync("581937");
        await page.Locator("#confirmPin").FillAsync("581937");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrol", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("signing certificate has been issued");
        await Assertions.Expect(page.Locator("#certificate-details")).ToContainTextAsync("Daftar DOIT CA");

        await page.GotoAsync($"/Files/View?id={fileId}");
        // A wrong PIN first: refused, with the attempts left.
        await page.Locator($"#pin-{noteId}").FillAsync("000999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign note" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("4 attempts left");
        await page.Locator($"#pin-{noteId}").FillAsync("581937");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign note" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("The note is signed.");
        await Assertions.Expect(page.Locator($"#signature-{noteId}")).ToContainTextAsync("Digitally signed");

        // The section officer opens the same file and sees the signature, checked.
        var officer = await app.SignedInPageAsync(Demo.SectionOfficer);
        await officer.GotoAsync($"/Files/View?id={fileId}");
        var signature = officer.Locator($"#signature-{noteId}");
        await Assertions.Expect(signature).ToContainTextAsync("Digitally signed");
        await Assertions.Expect(signature).ToContainTextAsync("Manoj Kumar Jangid");
        Assert.Equal(0, await officer.Locator($"#pin-{noteId}").CountAsync());   // not theirs to sign
    }
}
