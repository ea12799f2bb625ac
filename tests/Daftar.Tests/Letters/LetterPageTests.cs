using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Signing;

namespace Daftar.Tests.Letters;

/// <summary>The same journey through the pages: draft from a template, revise, approve, issue with the PIN, dispatch, the register and its export.</summary>
public class LetterPageTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private const string Pin = "628417";

    [Fact]
    public async Task DraftIssueAndDispatch_ThroughThePages()
    {
        var clerkApi = await app.ApiClientAsync(Demo.Clerk);
        var created = await clerkApi.PostAsJsonAsync("/api/files", new CreateFileCommand("Training of clerks on e-File", 12, null));
        var fileId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var clerk = await app.SignInAsync(Demo.Clerk);
        var file = await DaftarFactory.PageAsync(clerk, $"/Files/View?id={fileId}");
        Assert.NotNull(file.QuerySelector($"a[href='/Letters/New?file={fileId}']"));
        var template = await DaftarFactory.PageAsync(clerk, $"/Letters/New?file={fileId}&kind=OfficeOrder&language=Hindi");
        Assert.Contains("एतद्द्वारा आदेशित", template.QuerySelector("#Body")!.TextContent);

        var empty = await DaftarFactory.PostFormAsync(clerk, $"/Letters/New?file={fileId}&kind=OfficeOrder&language=Hindi", new() { ["Subject"] = "", ["Body"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);   // shown again with the errors, nothing saved
        var saved = await DaftarFactory.PostFormAsync(clerk, $"/Letters/New?file={fileId}&kind=OfficeOrder&language=Hindi",
            new() { ["Subject"] = "ई-फाइल प्रशिक्षण", ["Body"] = "एतद्द्वारा आदेशित किया जाता है कि सभी लिपिक प्रशिक्षण लें।", ["Addressee"] = "समस्त लिपिक" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draftUrl = saved.Headers.Location!.OriginalString;
        await clerkApi.SendFileAsync(fileId, await app.PostIdAsync("SO-DOIT-GR1"));

        var officer = await app.SignInAsync(Demo.SectionOfficer);
        var revised = await DaftarFactory.PostFormAsync(officer, draftUrl,
            new() { ["Subject"] = "ई-फाइल प्रशिक्षण", ["Body"] = "एतद्द्वारा आदेशित किया जाता है कि सभी लिपिक 1 दिसम्बर तक प्रशिक्षण लें।", ["Addressee"] = "समस्त लिपिक" }, handler: "Revise");
        Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);
        var page = await DaftarFactory.PageAsync(officer, draftUrl);
        Assert.Equal(2, page.QuerySelectorAll("#versions li").Length);
        var diff = await DaftarFactory.PageAsync(officer, draftUrl + "&from=1&to=2");
        Assert.Contains("1 दिसम्बर", diff.QuerySelector("#diff")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await DaftarFactory.PostFormAsync(officer, draftUrl, new() { ["Version"] = "2" }, handler: "Approve")).StatusCode);

        var officerApi = await app.ApiClientAsync(Demo.SectionOfficer);
        Assert.Equal(HttpStatusCode.Created, (await officerApi.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))).StatusCode);
        var wrongPin = await DaftarFactory.PostFormAsync(officer, draftUrl, new() { ["Pin"] = "000000" }, handler: "Issue");
        Assert.Equal(HttpStatusCode.OK, wrongPin.StatusCode);   // told why, on the same page
        Assert.Equal(HttpStatusCode.Redirect, (await DaftarFactory.PostFormAsync(officer, draftUrl, new() { ["Pin"] = Pin }, handler: "Issue")).StatusCode);
        page = await DaftarFactory.PageAsync(officer, draftUrl);
        var letterNumber = page.QuerySelector("#letter-number")!.TextContent;
        Assert.NotNull(page.QuerySelector("#verification-code"));
        var letterPdf = await officer.GetAsync(page.QuerySelector("#letter-pdf")!.GetAttribute("href"));
        Assert.Equal("application/pdf", letterPdf.Content.Headers.ContentType?.MediaType);

        var dispatched = await DaftarFactory.PostFormAsync(officer, draftUrl,
            new() { ["Mode"] = "Post", ["Recipient"] = "प्राचार्य, HCM RIPA", ["Address"] = "जवाहर लाल नेहरू मार्ग, जयपुर", ["PostalMode"] = "Registered", ["Postage"] = "25.50" }, handler: "Dispatch");
        Assert.Equal(HttpStatusCode.Redirect, dispatched.StatusCode);
        var register = await DaftarFactory.PageAsync(clerk, $"/Letters/Register?q={Uri.EscapeDataString(letterNumber)}");
        var row = Assert.Single(register.QuerySelectorAll("#register tbody tr"));
        Assert.Contains("HCM RIPA", row.TextContent);
        var csv = await clerk.GetStringAsync($"/Letters/Register?handler=Export&q={Uri.EscapeDataString(letterNumber)}");
        Assert.Contains("जवाहर लाल नेहरू मार्ग", csv);
    }
}
