using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Daftar.Files;
using Daftar.Tests.Infrastructure;
using Daftar.Web;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Letters;
using Daftar.Web.Features.Signing;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Letters;

/// <summary>
/// A draft for approval from start to issued letter: versions kept with their authors, a readable diff, approval by a
/// senior officer freezes the draft, issue numbers it from the dispatch register, renders it in Chromium (the Hindi
/// subject comes back out with pdftotext), signs it, adds it to the correspondence, and the public verification page
/// and the verify-pdf verb confirm it — and catch a changed copy.
/// </summary>
public class DraftAndLetterTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private const string Pin = "736291";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private const string Subject = "वर्क फ्रॉम होम हेतु लैपटॉप का आवंटन";

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private static async Task<string> CodeOfAsync(HttpResponseMessage response)
    {
        Assert.False(response.IsSuccessStatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task DraftedRevisedApprovedAndIssued_TheLetterIsNumberedSignedFiledAndVerifiable()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        var created = await ReadAsync<JsonElement>(await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Laptops for work from home", 12, null)));
        var fileId = created.GetProperty("id").GetInt32();

        // The clerk drafts in Hindi; bad input is refused field by field.
        var bad = await clerk.PostAsJsonAsync($"/api/files/{fileId}/drafts", new StartDraftCommand(null, DraftLanguage.Hindi, "", "", null, null));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = "उपरोक्त विषय में लेख है कि 40 लैपटॉप आवंटित किए जाते हैं।\n\n- अनुभाग 1: 20\n- अनुभाग 2: 20";
        var draftId = (await ReadAsync<JsonElement>(await clerk.PostAsJsonAsync($"/api/files/{fileId}/drafts",
            new StartDraftCommand(DraftKind.OfficeOrder, DraftLanguage.Hindi, Subject, body, "समस्त अनुभाग अधिकारी,\nसूचना प्रौद्योगिकी एवं संचार विभाग", null)))).GetProperty("id").GetInt32();
        await clerk.SendFileAsync(fileId, so, "प्रारूप अनुमोदनार्थ");

        // Only the holder edits: the clerk no longer can; the section officer does, and both versions stay.
        Assert.Equal("file_not_in_your_custody", await CodeOfAsync(await clerk.PutAsJsonAsync($"/api/drafts/{draftId}", new ReviseDraftCommand(Subject, body + " संशोधन", null, null))));
        var revised = body.Replace("40", "45").Replace("20\n- अनुभाग 2: 20", "25\n- अनुभाग 2: 20");
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PutAsJsonAsync($"/api/drafts/{draftId}", new ReviseDraftCommand(Subject, revised, "समस्त अनुभाग अधिकारी", "आदेश दिनांक 01.11.2026"))).StatusCode);
        var draft = await ReadAsync<DraftView>(await officer.GetAsync($"/api/drafts/{draftId}"));
        Assert.Equal([1, 2], draft.Versions.Select(v => v.Number));
        Assert.Equal(["LDC-DOIT-GR1", "SO-DOIT-GR1"], draft.Versions.Select(v => v.Author.Code));
        var diff = await ReadAsync<List<DiffLine>>(await officer.GetAsync($"/api/drafts/{draftId}/diff?from=1&to=2"));
        Assert.Contains(diff, d => d.Change == "removed" && d.Text.Contains("40 लैपटॉप"));
        Assert.Contains(diff, d => d.Change == "added" && d.Text.Contains("45 लैपटॉप"));
        Assert.Contains(diff, d => d.Change == "added" && d.Text.StartsWith("Reference:"));

        // Issuing before approval is refused; the section officer (senior to the clerk who began it) approves version 2.
        Assert.Equal("draft_not_approved", await CodeOfAsync(await officer.PostAsJsonAsync($"/api/drafts/{draftId}/issue", new IssueDraftCommand(Pin))));
        Assert.Equal("no_such_version", await CodeOfAsync(await officer.PostAsJsonAsync($"/api/drafts/{draftId}/approve", new ApproveDraftCommand(7))));
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsJsonAsync($"/api/drafts/{draftId}/approve", new ApproveDraftCommand(2))).StatusCode);
        Assert.Equal("draft_approved", await CodeOfAsync(await officer.PutAsJsonAsync($"/api/drafts/{draftId}", new ReviseDraftCommand(Subject, "बदला हुआ", null, null))));

        // Issue: signed with the officer's PIN.
        Assert.Equal("not_enrolled", await CodeOfAsync(await officer.PostAsJsonAsync($"/api/drafts/{draftId}/issue", new IssueDraftCommand(Pin))));
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))).StatusCode);
        var letter = await ReadAsync<LetterView>(await officer.PostAsJsonAsync($"/api/drafts/{draftId}/issue", new IssueDraftCommand(Pin)));
        var fileNumber = (await ReadAsync<JsonElement>(await officer.GetAsync($"/api/files/{fileId}"))).GetProperty("fileNumber").GetString()!;
        Assert.StartsWith(fileNumber + "/", letter.LetterNumber);
        Assert.Matches("^[2-9A-HJKMNP-Z]{10}$", letter.VerificationCode);
        Assert.Equal("draft_issued", await CodeOfAsync(await officer.PostAsJsonAsync($"/api/drafts/{draftId}/issue", new IssueDraftCommand(Pin))));

        var pdf = await (await officer.GetAsync(letter.PdfUrl)).Content.ReadAsByteArrayAsync();
        var text = Tools.PdfToText(pdf);
        Assert.Contains(Subject, text);
        Assert.Contains("45 लैपटॉप", text);
        Assert.Contains(letter.VerificationCode, text);
        Assert.Contains(letter.LetterNumber, text);
        await app.WithDbAsync(async db =>
        {
            var file = await db.Files.Include(f => f.Correspondence).SingleAsync(f => f.Id == fileId);
            var item = Assert.Single(file.Correspondence);
            Assert.Equal(Subject, item.Title);
            Assert.Equal("application/pdf", item.ContentType);
        });
        // The officer who issued it is not offered a second signature on the draft's page.
        var officerPage = await DaftarFactory.PageAsync(await app.SignInAsync(Demo.SectionOfficer), $"/Letters/Draft?id={draftId}");
        Assert.NotNull(officerPage.QuerySelector("#signed-by-me"));
        Assert.Null(officerPage.QuerySelector("#CoSignPin"));

        // A joint order: the file goes up to the deputy secretary, who adds a signature; both stay valid.
        var ds = await app.ApiClientAsync("RJ100010");
        await officer.SendFileAsync(fileId, await app.PostIdAsync("DS-DOIT"), "संयुक्त हस्ताक्षर हेतु");
        Assert.Equal("file_not_in_your_custody", await CodeOfAsync(await officer.PostAsJsonAsync($"/api/letters/{letter.Id}/sign", new IssueDraftCommand(Pin))));
        Assert.Equal(HttpStatusCode.Created, (await ds.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))).StatusCode);
        var cosigned = await ReadAsync<LetterView>(await ds.PostAsJsonAsync($"/api/letters/{letter.Id}/sign", new IssueDraftCommand(Pin)));
        Assert.Equal(2, cosigned.Signatures);
        Assert.Equal("letter_signed", await CodeOfAsync(await ds.PostAsJsonAsync($"/api/letters/{letter.Id}/sign", new IssueDraftCommand(Pin))));
        var twice = await (await ds.GetAsync(letter.PdfUrl)).Content.ReadAsByteArrayAsync();
        Assert.Equal(pdf, twice[..pdf.Length]);   // the first signer's bytes are untouched: the second signature was appended
        pdf = twice;
        // Both visible signature blocks of this Hindi order speak Hindi, the department's name whole.
        var blocks = Tools.PdfToText(pdf);
        Assert.Equal(2, Times(blocks, "डिजिटल हस्ताक्षरकर्ता"));
        Assert.Contains("उप शासन सचिव", blocks);
        static int Times(string text, string what) => text.Split(what).Length - 1;
        Assert.Equal(Times(text, "सूचना प्रौद्योगिकी एवं संचार विभाग") + 1, Times(blocks, "सूचना प्रौद्योगिकी एवं संचार विभाग"));

        // An outsider sees neither the draft nor the letter.
        var outsider = await app.ApiClientAsync("RJ100006");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/drafts/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(letter.PdfUrl)).StatusCode);

        // Anyone can verify it — by code, without signing in — and the page shows the signer from the PDF itself.
        var citizen = app.Browser();
        var page = await DaftarFactory.PageAsync(citizen, $"/verify/{letter.VerificationCode}");
        Assert.Contains("alert-success", page.QuerySelector("#verify-verdict")!.ClassName);
        var rows = page.QuerySelectorAll("#signatures tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Anita Choudhary", rows[0]);
        Assert.Contains("अनुभागाधिकारी", rows[0]);
        Assert.Contains("Vikram Singh Shekhawat", rows[1]);
        Assert.Equal(pdf, await citizen.GetByteArrayAsync($"/verify/{letter.VerificationCode}?download=true"));
        var unknown = await DaftarFactory.PageAsync(citizen, "/verify/ZZZZZZZZZZ");
        Assert.NotNull(unknown.QuerySelector("#verify-problem"));

        // The verb agrees, and a changed copy is caught by both.
        var path = Path.Combine(app.DataPath, "letter.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        var output = new StringWriter();
        var settings = new[] { $"--Database:Provider={TestDatabase.Provider}", $"--Database:ConnectionString={app.ConnectionString}", $"--Daftar:DataPath={app.DataPath}", $"--Signing:MasterKey={TestDatabase.MasterKey}" };
        Assert.Equal(0, await AdminCommands.RunAsync(["verify-pdf", path, .. settings], output, new StringWriter()));
        Assert.Contains("All 2 signatures are valid.", output.ToString());
        var changed = (byte[])pdf.Clone();
        var at = System.Text.Encoding.Latin1.GetString(changed).IndexOf("/MediaBox", StringComparison.Ordinal);
        changed[at + 12] ^= 0x01;
        await File.WriteAllBytesAsync(path, changed);
        Assert.Equal(1, await AdminCommands.RunAsync(["verify-pdf", path, .. settings], new StringWriter(), new StringWriter()));
        var upload = await DaftarFactory.PageAsync(citizen, "/verify");
        var token = upload.QuerySelector("form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(changed), "document", "copy.pdf" } };
        var checkedPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await (await citizen.PostAsync("/verify", form)).Content.ReadAsStringAsync());
        Assert.Contains("alert-danger", checkedPage.QuerySelector("#verify-verdict")!.ClassName);
    }

    [Fact]
    public async Task TheClerkWhoBeganADraft_CannotApproveIt()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var fileId = (await ReadAsync<JsonElement>(await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Self approval", 12, null)))).GetProperty("id").GetInt32();
        var draftId = (await ReadAsync<JsonElement>(await clerk.PostAsJsonAsync($"/api/files/{fileId}/drafts",
            new StartDraftCommand(DraftKind.Letter, DraftLanguage.English, "Supply of data cards", "Please supply 10 data cards.", "The Director", null)))).GetProperty("id").GetInt32();
        Assert.Equal("cannot_approve", await CodeOfAsync(await clerk.PostAsJsonAsync($"/api/drafts/{draftId}/approve", new ApproveDraftCommand(1))));
    }
}
