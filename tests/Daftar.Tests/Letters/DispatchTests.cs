using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Daftar.Files;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Letters;
using Daftar.Web.Features.Receipts;
using Daftar.Web.Features.Signing;
using Microsoft.AspNetCore.Hosting;
using MimeKit;

namespace Daftar.Tests.Letters;

/// <summary>
/// Dispatching an issued letter: by e-mail through a real SMTP server (the message carries the signed PDF), by post and
/// by hand into the register, and electronically to a post of another department, where it arrives as a receipt with
/// the signed PDF. The register is searchable and exports to CSV; outsiders see none of it.
/// </summary>
public class DispatchTests(MailFactory app) : IClassFixture<MailFactory>
{
    private const string Pin = "514736";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>A letter drafted by the clerk, approved and issued by the section officer.</summary>
    private async Task<(LetterView Letter, HttpClient Officer)> IssuedLetterAsync(string subject)
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        var fileId = (await ReadAsync<JsonElement>(await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Dispatch of orders", 12, null)))).GetProperty("id").GetInt32();
        var draftId = (await ReadAsync<JsonElement>(await clerk.PostAsJsonAsync($"/api/files/{fileId}/drafts",
            new StartDraftCommand(DraftKind.Letter, DraftLanguage.Both, subject, "Please find the order enclosed.", "District Collector, Jaipur", null)))).GetProperty("id").GetInt32();
        await clerk.SendFileAsync(fileId, await app.PostIdAsync("SO-DOIT-GR1"));
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsJsonAsync($"/api/drafts/{draftId}/approve", new ApproveDraftCommand(1))).StatusCode);
        await officer.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin));
        return (await ReadAsync<LetterView>(await officer.PostAsJsonAsync($"/api/drafts/{draftId}/issue", new IssueDraftCommand(Pin))), officer);
    }

    [Fact]
    public async Task IssuedLetter_GoesByEmailPostHandAndElectronically_IntoTheRegister()
    {
        var (letter, officer) = await IssuedLetterAsync("वर्क फ्रॉम होम आदेश की प्रति");
        var pdf = await officer.GetByteArrayAsync(letter.PdfUrl);
        var clerk = await app.ApiClientAsync(Demo.Clerk);   // the section's dispatch clerk, no longer holding the file

        // E-mail: through the SMTP server, the signed PDF attached.
        var emailed = await ReadAsync<DispatchRow>(await clerk.PostAsJsonAsync($"/api/letters/{letter.Id}/dispatches",
            new DispatchCommand(DispatchMode.Email, "District Collector, Jaipur", "collector.jaipur@example.gov.in")));
        Assert.Equal("collector.jaipur@example.gov.in", emailed.Email);
        var stored = Directory.GetFiles(Path.Combine(app.Maildir, "new"));
        var message = await MimeMessage.LoadAsync(Assert.Single(stored));
        Assert.Contains(letter.LetterNumber, message.Subject);
        Assert.Equal("collector.jaipur@example.gov.in", message.To.Mailboxes.Single().Address);
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        using (var content = new MemoryStream())
        {
            await attachment.Content!.DecodeToAsync(content);
            Assert.Equal(pdf, content.ToArray());
        }
        Assert.Contains(letter.VerificationCode, message.TextBody);

        // Post and hand, with their particulars checked.
        var noAddress = await clerk.PostAsJsonAsync($"/api/letters/{letter.Id}/dispatches", new DispatchCommand(DispatchMode.Post, "Collector"));
        Assert.Equal(HttpStatusCode.BadRequest, noAddress.StatusCode);
        var badEmail = await clerk.PostAsJsonAsync($"/api/letters/{letter.Id}/dispatches", new DispatchCommand(DispatchMode.Email, null, "not an address"));
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        await ReadAsync<DispatchRow>(await clerk.PostAsJsonAsync($"/api/letters/{letter.Id}/dispatches",
            new DispatchCommand(DispatchMode.Post, "जिला कलेक्टर, जयपुर", Address: "कलेक्ट्रेट, जयपुर 302001", PostalMode: PostalMode.SpeedPost, Postage: 41.30m, ArticleNumber: "EE123456789IN")));
        await ReadAsync<DispatchRow>(await clerk.PostAsJsonAsync($"/api/letters/{letter.Id}/dispatches", new DispatchCommand(DispatchMode.Hand, "PA to Collector", CarriedBy: "Ramesh (messenger)")));

        // Electronically to the deputy secretary of another department: it arrives in their inbox as a receipt with the signed PDF.
        var electronic = await ReadAsync<DispatchRow>(await clerk.PostAsJsonAsync($"/api/letters/{letter.Id}/dispatches",
            new DispatchCommand(DispatchMode.Electronic, ToPostId: await app.PostIdAsync("DS-REV"))));
        Assert.NotNull(electronic.ReceiptId);
        Assert.EndsWith("/REV-GR1", electronic.DiaryNumber!);
        var addressee = await app.ApiClientAsync("RJ100026");
        var receipt = await ReadAsync<ReceiptView>(await addressee.GetAsync($"/api/receipts/{electronic.ReceiptId}"));
        Assert.Equal(ReceiptMode.Electronic, receipt.Mode);
        Assert.Equal(letter.LetterNumber, receipt.LetterNumber);
        Assert.True(receipt.CanAct);
        Assert.Equal(pdf, await addressee.GetByteArrayAsync($"/api/receipts/{electronic.ReceiptId}/documents/1"));

        // The register: all four, searchable, exported; an outsider sees none.
        var register = await ReadAsync<List<DispatchRow>>(await clerk.GetAsync($"/api/dispatches?q={Uri.EscapeDataString(letter.LetterNumber)}"));
        Assert.Equal([DispatchMode.Electronic, DispatchMode.Hand, DispatchMode.Post, DispatchMode.Email], register.Select(r => r.Mode));
        var byPost = Assert.Single(await ReadAsync<List<DispatchRow>>(await clerk.GetAsync($"/api/dispatches?q={Uri.EscapeDataString(letter.LetterNumber)}&mode=Post")));
        Assert.Equal(41.30m, byPost.Postage);
        var csv = await clerk.GetByteArrayAsync($"/api/dispatches/export?q={Uri.EscapeDataString(letter.LetterNumber)}");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var text = Encoding.UTF8.GetString(csv);
        Assert.Contains("जिला कलेक्टर, जयपुर", text);
        Assert.Contains("EE123456789IN", text);
        var outsider = await app.ApiClientAsync("RJ100006");
        Assert.Empty(await ReadAsync<List<DispatchRow>>(await outsider.GetAsync($"/api/dispatches?q={Uri.EscapeDataString(letter.LetterNumber)}")));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/letters/{letter.Id}/dispatches", new DispatchCommand(DispatchMode.Hand, "x"))).StatusCode);
    }

    [Fact]
    public async Task EmailThatCannotBeSent_IsReported_AndNothingIsRecorded()
    {
        var (letter, officer) = await IssuedLetterAsync("Undeliverable");
        app.StopSmtp();
        try
        {
            var failed = await officer.PostAsJsonAsync($"/api/letters/{letter.Id}/dispatches", new DispatchCommand(DispatchMode.Email, null, "someone@example.gov.in"));
            Assert.Equal(HttpStatusCode.Conflict, failed.StatusCode);
            Assert.Contains("mail_failed", await failed.Content.ReadAsStringAsync());
            Assert.Empty(await ReadAsync<List<DispatchRow>>(await officer.GetAsync($"/api/dispatches?q={Uri.EscapeDataString(letter.LetterNumber)}")));
        }
        finally
        {
            app.StartSmtp();
        }
    }
}
