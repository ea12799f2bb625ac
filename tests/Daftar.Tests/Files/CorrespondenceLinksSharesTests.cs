using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Daftar.Files;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Files;

/// <summary>Documents uploaded into a file, PUC/FR flags, linked files and files shared for information.</summary>
public class CorrespondenceLinksSharesTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private const string Outsider = "RJ100006";   // LDC, GAD: another department

    private static byte[] Pdf(int pages) => TestPdf.Pages(pages);

    private static Task<int> NewFileAsync(HttpClient api, string subject = "Maintenance of the State Data Centre", Grading grading = Grading.Normal) => api.CreateFileAsync(subject, grading: grading);

    private static Task<HttpResponseMessage> UploadAsync(HttpClient api, int fileId, byte[] bytes, string name, string? title = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", name);
        if (title is not null) form.Add(new StringContent(title), "title");
        return api.PostAsync($"/api/files/{fileId}/documents", form);
    }

    private static async Task<FileView> GetAsync(HttpClient api, int id) => (await api.GetFromJsonAsync<FileView>($"/api/files/{id}", Json))!;

    [Fact]
    public async Task UploadedDocuments_JoinTheCorrespondence_WithRunningPageNumbers_AndOpenInTheBrowser()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await NewFileAsync(clerk);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(clerk, id, Pdf(3), "inspection-report.pdf", "निरीक्षण प्रतिवेदन")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(clerk, id, TestImages.Png(640, 480), "photo.png")).StatusCode);

        var file = await GetAsync(clerk, id);
        Assert.Collection(file.Correspondence,
            c => { Assert.Equal((1, 1, 3, "निरीक्षण प्रतिवेदन"), (c.Order, c.FirstPage, c.PageCount, c.Title)); Assert.Equal("inspection-report.pdf", Assert.Single(c.Documents).FileName); },
            c => Assert.Equal((2, 4, 1, "photo"), (c.Order, c.FirstPage, c.PageCount, c.Title)));

        var officer = await app.SignInAsync(Demo.SectionOfficer);   // same section: may see the file
        var shown = await officer.GetAsync(file.Correspondence[0].Documents[0].Url);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("application/pdf", shown.Content.Headers.ContentType?.MediaType);
        Assert.Null(shown.Content.Headers.ContentDisposition);   // shown in place, not downloaded
        Assert.Equal(Pdf(3), await shown.Content.ReadAsByteArrayAsync());
        var outsider = await app.SignInAsync(Outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(file.Correspondence[0].Documents[0].Url)).StatusCode);

        // PUC and FR flags are the holder's to set.
        var marked = await clerk.PutAsJsonAsync($"/api/files/{id}/correspondence/2", new MarkCorrespondenceCommand(IsPuc: true, IsFr: false));
        Assert.Equal(HttpStatusCode.NoContent, marked.StatusCode);
        Assert.True((await GetAsync(clerk, id)).Correspondence[1].IsPuc);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PutAsJsonAsync($"/api/files/{id}/correspondence/9", new MarkCorrespondenceCommand(true, false))).StatusCode);
    }

    [Fact]
    public async Task RenamedOrForeignUploads_AreRefused_AndNothingIsStored()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await NewFileAsync(clerk);
        var blobs = Path.Combine(app.DataPath, "blobs");
        int CountBlobs() => Directory.Exists(blobs) ? Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories).Count() : 0;
        var before = CountBlobs();

        var renamed = await UploadAsync(clerk, id, Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "order.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Contains("PDF, JPEG, PNG", await renamed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(clerk, id, [], "empty.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsync($"/api/files/{id}/documents", new MultipartFormDataContent())).StatusCode);

        // Someone who does not hold the file cannot add to it; someone who may not see it is told it does not exist.
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(officer, id, Pdf(1), "x.pdf")).StatusCode);
        var outsider = await app.ApiClientAsync(Outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(outsider, id, Pdf(1), "x.pdf")).StatusCode);

        Assert.Empty((await GetAsync(clerk, id)).Correspondence);
        Assert.Equal(before, CountBlobs());
    }

    [Fact]
    public async Task LinkedFiles_ShowOnBothSides_OnlyToThoseWhoMaySeeThem()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var first = await NewFileAsync(clerk, "Data centre air conditioning");
        var second = await NewFileAsync(clerk, "Data centre power backup");
        var secret = await NewFileAsync(clerk, "Data centre security audit", Grading.Secret);
        var secondView = await GetAsync(clerk, second);

        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/files/{first}/links", new LinkFileCommand(secondView.FileNumber.ToLowerInvariant(), "Same AMC"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/files/{first}/links", new LinkFileCommand((await GetAsync(clerk, secret)).ComputerNumber.ToString(), null))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"/api/files/{second}/links", new LinkFileCommand((await GetAsync(clerk, first)).FileNumber, null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsJsonAsync($"/api/files/{first}/links", new LinkFileCommand((await GetAsync(clerk, first)).FileNumber, null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsJsonAsync($"/api/files/{first}/links", new LinkFileCommand("999999999", null))).StatusCode);

        Assert.Equal([second, secret], (await GetAsync(clerk, first)).Links.Select(l => l.Id).Order());
        Assert.Equal([first], (await GetAsync(clerk, second)).Links.Select(l => l.Id));
        // The section officer sees the normal files but not the secret one, nor that a link to it exists.
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        Assert.Equal([second], (await GetAsync(officer, first)).Links.Select(l => l.Id));
        // Only the holder links and unlinks.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.DeleteAsync($"/api/files/{first}/links/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.DeleteAsync($"/api/files/{second}/links/{first}")).StatusCode);
        Assert.Equal([secret], (await GetAsync(clerk, first)).Links.Select(l => l.Id));
        Assert.Contains(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.ObjectType == "file" && e.ObjectId == first.ToString()).Select(e => e.Action).ToListAsync()),
            a => a == "FileLink.Added");
    }

    [Fact]
    public async Task SharedFiles_CanBeReadByTheOtherPost_ButNotActedOn_AndSharingCanStop()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await NewFileAsync(clerk, "Common software licences for GAD");
        var gad = await app.PostIdAsync("SO-GAD-GR1");
        var reader = await app.ApiClientAsync("RJ100004");   // holds SO-GAD-GR1
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/files/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/files/{id}/shares", new ShareFileCommand(gad, "For information"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"/api/files/{id}/shares", new ShareFileCommand(gad, null))).StatusCode);
        var seen = await GetAsync(reader, id);
        Assert.False(seen.Can.Act);
        Assert.Equal("SO-GAD-GR1", Assert.Single(seen.SharedWith).Post.Code);
        Assert.Equal(HttpStatusCode.Conflict, (await reader.PostAsJsonAsync($"/api/files/{id}/notes", new SaveNoteCommand("Noted."))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await reader.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(await app.PostIdAsync("DS-GAD"), null))).StatusCode);
        // Opening a shared file does not stop its holder from pulling it back or change who holds it.
        Assert.Equal("LDC-DOIT-GR1", (await GetAsync(clerk, id)).Holder.Code);

        Assert.Equal(HttpStatusCode.NoContent, (await clerk.DeleteAsync($"/api/files/{id}/shares/{gad}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/files/{id}")).StatusCode);

        var secret = await NewFileAsync(clerk, "Disciplinary case", Grading.Confidential);
        var refused = await clerk.PostAsJsonAsync($"/api/files/{secret}/shares", new ShareFileCommand(gad, null));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("cannot be shared", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/files/{secret}")).StatusCode);
    }

    [Fact]
    public async Task FilePage_AttachesLinksAndShares_ThroughItsForms()
    {
        var api = await app.ApiClientAsync(Demo.Clerk);
        var id = await NewFileAsync(api, "Website accessibility audit");
        var other = await GetAsync(api, await NewFileAsync(api, "Website hosting renewal"));
        var browser = await app.SignInAsync(Demo.Clerk);

        var linked = await DaftarFactory.PostFormAsync(browser, $"/Files/View?id={id}", new() { ["LinkTo"] = other.ComputerNumber.ToString() }, handler: "Link");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        var page = await DaftarFactory.PageAsync(browser, $"/Files/View?id={id}");
        Assert.Contains(other.FileNumber, page.QuerySelector("#linked-files")!.TextContent);

        var bad = await DaftarFactory.PostFormAsync(browser, $"/Files/View?id={id}", new() { ["LinkTo"] = "no such file" }, handler: "Link");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("No file with that number", await bad.Content.ReadAsStringAsync());

        var gad = await app.PostIdAsync("SO-GAD-GR1");
        var shared = await DaftarFactory.PostFormAsync(browser, $"/Files/Send?id={id}&share=true", new() { ["ToPostId"] = gad.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        page = await DaftarFactory.PageAsync(browser, $"/Files/View?id={id}");
        Assert.NotEmpty(page.QuerySelector("#shared-with")!.TextContent.Trim());
        Assert.Equal("LDC-DOIT-GR1", (await GetAsync(api, id)).Holder.Code);
    }
}
