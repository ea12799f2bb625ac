using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Signing;

namespace Daftar.Tests.Files;

/// <summary>
/// Printing a file: one PDF with the note sheet (green notes, authors, signature status) and then every piece of
/// correspondence in order — a two-page PDF, an image on a page of its own. A note that carries markup and script
/// prints as plain text (nothing runs in the renderer). Outsiders get nothing.
/// </summary>
public class PrintFileTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private const string Pin = "305718";

    private static (int Pages, string Text) Read(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        File.WriteAllBytes(file, pdf);
        try
        {
            var info = Tools.Run("pdfinfo", file).Output;
            return (int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim()), Tools.PdfToText(pdf));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task PrintedFile_HasTheNoteSheetThenTheCorrespondence_AndScriptInANoteIsJustText()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var fileId = (await (await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("मुद्रण हेतु पत्रावली", 12, null))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        async Task<int> GreenNoteAsync(string text)
        {
            var saved = await clerk.PostAsJsonAsync($"/api/files/{fileId}/notes", new SaveNoteCommand(text));
            var noteId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsync($"/api/notes/{noteId}/confirm", null)).StatusCode);
            return noteId;
        }
        var signedNote = await GreenNoteAsync("प्रस्ताव अनुमोदनार्थ प्रस्तुत है।");
        await GreenNoteAsync("Seen. <script>document.write('SCRIPT RAN')</script><img src=x onerror=\"document.title='HACKED'\">");
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))).StatusCode);
        Assert.True((await clerk.PostAsJsonAsync($"/api/notes/{signedNote}/sign", new SignNoteCommand(Pin))).IsSuccessStatusCode);

        async Task AttachAsync(byte[] bytes, string name, string title)
        {
            var form = new MultipartFormDataContent { { new StringContent(title), "title" } };
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", name);
            Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsync($"/api/files/{fileId}/documents", form)).StatusCode);
        }
        await AttachAsync(TestPdf.Pages(2, "Inspection report"), "report.pdf", "निरीक्षण प्रतिवेदन");
        await AttachAsync(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="), "photo.png", "स्थल का फोटो");

        var response = await clerk.GetAsync($"/api/files/{fileId}/print");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var (pages, text) = Read(bytes);
        Assert.Equal(1 + 2 + 1, pages);   // note sheet, the two-page report, the photo
        Assert.Contains("प्रस्ताव अनुमोदनार्थ प्रस्तुत है।", text);
        Assert.Contains("Digitally signed", text);
        Assert.Contains("Priyanka Sharma", text);
        Assert.Contains("<script>document.write('SCRIPT RAN')</script>", text);   // printed as the text it is
        Assert.DoesNotContain("\nSCRIPT RAN", text);
        Assert.Contains("Inspection report 2", text);
        Assert.True(text.IndexOf("प्रस्ताव", StringComparison.Ordinal) < text.IndexOf("Inspection report 1", StringComparison.Ordinal));

        // The page's print link gives the same; someone who may not see the file gets nothing.
        var browser = await app.SignInAsync(Demo.SectionOfficer);
        Assert.Equal("application/pdf", (await browser.GetAsync($"/Files/View?id={fileId}&handler=Print")).Content.Headers.ContentType?.MediaType);
        var outsider = await app.ApiClientAsync("RJ100006");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/files/{fileId}/print")).StatusCode);
    }
}
