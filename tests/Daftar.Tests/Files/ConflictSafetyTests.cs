using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Daftar.Files;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Receipts;
using Daftar.Web.Features.Signing;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Files;

/// <summary>
/// Every action that changes a file, a receipt, a draft or a signature, fired many times at once: exactly one request
/// wins, every other one is told why (409 or 400 with a code, never a 500), and the history shows one change.
/// </summary>
public class ConflictSafetyTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private const int Racers = 10;
    private const string Pin = "582914";

    private static async Task<HttpResponseMessage[]> RaceAsync(Func<int, Task<HttpResponseMessage>> request) =>
        await Task.WhenAll(Enumerable.Range(0, Racers).Select(i => Task.Run(() => request(i))));

    /// <summary>One request succeeded; every other got a 4xx with a problem code (no 500, nothing unexplained). Where the winner
    /// deleted the thing, the others are told it is gone (404).</summary>
    private static async Task<int> OneWinsAsync(HttpResponseMessage[] responses, bool winnerMayDelete = false)
    {
        var winners = responses.Select((r, i) => (r, i)).Where(x => x.r.IsSuccessStatusCode).ToList();
        var details = string.Join("; ", responses.Select(r => (int)r.StatusCode));
        Assert.True(winners.Count == 1, $"{winners.Count} winners: {details}");
        foreach (var loser in responses.Where(r => !r.IsSuccessStatusCode))
        {
            Assert.True(loser.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest || winnerMayDelete && loser.StatusCode == HttpStatusCode.NotFound, details);
            var problem = await loser.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.TryGetProperty("code", out _) || problem.TryGetProperty("errors", out _), problem.ToString());
        }
        return winners[0].i;
    }

    private static Task<int> NewFileAsync(HttpClient api, string subject) => api.CreateFileAsync(subject);

    private static async Task<int> DiariseAsync(HttpClient api, string subject)
    {
        var response = await api.PostAsync("/api/receipts", new MultipartFormDataContent
        {
            { new StringContent("Collector, Jaipur"), "sender" }, { new StringContent(subject), "subject" }, { new StringContent("Post"), "mode" },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<List<int>> PostIdsAsync(int count) =>
        await app.WithDbAsync(db => db.Posts.Where(p => p.Code != "LDC-DOIT-GR1").OrderBy(p => p.Id).Select(p => p.Id).Take(count).ToListAsync());

    private async Task NoBreachesAsync() => Assert.Empty(await app.WithDbAsync(Invariants.BreachesAsync));

    [Fact]
    public async Task Receipt_SentToTenPostsAtOnce_GoesToOne()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await DiariseAsync(clerk, "Race: receipt sends");
        var targets = await PostIdsAsync(Racers);
        var winner = await OneWinsAsync(await RaceAsync(i => clerk.PostAsJsonAsync($"/api/receipts/{id}/send", new SendFileCommand(targets[i], null))));
        await app.WithDbAsync(async db =>
        {
            var receipt = await db.Receipts.Include(r => r.Movements).SingleAsync(r => r.Id == id);
            Assert.Equal(targets[winner], receipt.HolderPostId);
            Assert.Equal(2, receipt.Movements.Count);   // diarised, then one send
        });
        await NoBreachesAsync();
    }

    [Fact]
    public async Task Receipt_SentPutInAFileAndClosedAtOnce_OnlyOneHappens()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        for (var round = 0; round < 3; round++)
        {
            var id = await DiariseAsync(clerk, $"Race: receipt actions {round}");
            var fileId = await NewFileAsync(clerk, $"Race: file for receipt {round}");
            var responses = await RaceAsync(i => (i % 3) switch
            {
                0 => clerk.PostAsJsonAsync($"/api/receipts/{id}/send", new SendFileCommand(so, null)),
                1 => clerk.PostAsJsonAsync($"/api/receipts/{id}/put-in-file", new PutInFileCommand(fileId, null, null)),
                _ => clerk.PostAsync($"/api/receipts/{id}/close", null),
            });
            var winner = await OneWinsAsync(responses) % 3;
            await app.WithDbAsync(async db =>
            {
                var receipt = await db.Receipts.Include(r => r.Movements).SingleAsync(r => r.Id == id);
                var inFile = await db.Correspondence.CountAsync(c => c.ReceiptId == id);
                Assert.Equal(winner == 1 ? 1 : 0, inFile);
                Assert.Equal(winner == 1 ? fileId : null, receipt.FileId);
                Assert.Equal(winner == 0 ? so : receipt.DiarisedByPostId, receipt.HolderPostId);
                Assert.Equal(winner == 2 ? ReceiptStatus.Closed : winner == 1 ? ReceiptStatus.Filed : ReceiptStatus.Open, receipt.Status);
            });
        }
        await NoBreachesAsync();
    }

    [Fact]
    public async Task Receipt_PutIntoTenNewFilesAtOnce_MakesOneFile()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await DiariseAsync(clerk, "Race: put into a new file");
        var before = await app.WithDbAsync(db => db.Files.CountAsync());
        await OneWinsAsync(await RaceAsync(i => clerk.PostAsJsonAsync($"/api/receipts/{id}/put-in-file", new PutInFileCommand(null, $"New file {i}", 12))));
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.Files.CountAsync()));
        await NoBreachesAsync();
    }

    [Fact]
    public async Task DraftNote_SavedTenTimesAndConfirmedWhileDiscarded_EndsInOneState()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var fileId = await NewFileAsync(clerk, "Race: one draft");
        // Ten saves of the first draft at once: each edits the one yellow note or is told the file changed; never two drafts.
        var saves = await RaceAsync(i => clerk.PostAsJsonAsync($"/api/files/{fileId}/notes", new SaveNoteCommand($"प्रारूप {i}")));
        Assert.All(saves, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Contains(saves, r => r.StatusCode == HttpStatusCode.OK);
        var noteId = await app.WithDbAsync(db => db.Notes.Where(n => n.FileId == fileId).Select(n => n.Id).SingleAsync());

        // Confirming and discarding the same draft at once: one of them, never both.
        var winner = await OneWinsAsync(await RaceAsync(i => i % 2 == 0
            ? clerk.PostAsync($"/api/notes/{noteId}/confirm", null)
            : clerk.DeleteAsync($"/api/notes/{noteId}")), winnerMayDelete: true) % 2;
        await app.WithDbAsync(async db =>
        {
            var notes = await db.Notes.Where(n => n.FileId == fileId).ToListAsync();
            if (winner == 0) Assert.Equal(1, Assert.Single(notes, n => n.IsConfirmed).Number);
            else Assert.Empty(notes);
        });
        await NoBreachesAsync();
    }

    [Fact]
    public async Task Note_SignedTenTimesAtOnce_HasOneSignature()
    {
        // The deputy secretary: no other test of this class enrols them.
        var officer = await app.ApiClientAsync("RJ100010");
        // Enrolling ten times at once issues one certificate.
        await OneWinsAsync(await RaceAsync(_ => officer.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))));
        Assert.Equal(1, await app.WithDbAsync(db => db.SigningCredentials.CountAsync(c => c.Employee.Code == "RJ100010")));

        var fileId = await NewFileAsync(officer, "Race: signatures");
        var saved = await officer.PostAsJsonAsync($"/api/files/{fileId}/notes", new SaveNoteCommand("अनुमोदित।"));
        var noteId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsync($"/api/notes/{noteId}/confirm", null)).StatusCode);
        await OneWinsAsync(await RaceAsync(_ => officer.PostAsJsonAsync($"/api/notes/{noteId}/sign", new SignNoteCommand(Pin))));
        Assert.Equal(1, await app.WithDbAsync(db => db.NoteSignatures.CountAsync(s => s.NoteId == noteId)));
        Assert.True((await officer.GetFromJsonAsync<NoteSignatureView>($"/api/notes/{noteId}/signature"))!.Valid);
    }

    [Fact]
    public async Task LinkShareParkAndClose_RacedTenTimes_EachHappensOnce()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var fileId = await NewFileAsync(clerk, "Race: links and shares");
        var other = await NewFileAsync(clerk, "Race: the other file");
        var otherNumber = await app.WithDbAsync(db => db.Files.Where(f => f.Id == other).Select(f => f.FileNumber).SingleAsync());
        await OneWinsAsync(await RaceAsync(_ => clerk.PostAsJsonAsync($"/api/files/{fileId}/links", new LinkFileCommand(otherNumber, null))));
        await OneWinsAsync(await RaceAsync(_ => clerk.DeleteAsync($"/api/files/{fileId}/links/{other}")));
        Assert.Equal(0, await app.WithDbAsync(db => db.FileLinks.CountAsync(l => l.FileId == fileId || l.LinkedFileId == fileId)));

        var collector = await app.PostIdAsync("COLL-JPR");
        await OneWinsAsync(await RaceAsync(_ => clerk.PostAsJsonAsync($"/api/files/{fileId}/shares", new ShareFileCommand(collector, null))));
        Assert.Equal(1, await app.WithDbAsync(db => db.FileShares.CountAsync(s => s.FileId == fileId)));
        await OneWinsAsync(await RaceAsync(_ => clerk.DeleteAsync($"/api/files/{fileId}/shares/{collector}")));

        // Park, close and send at once: one of them, and the file's status and holder say which.
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        var winner = await OneWinsAsync(await RaceAsync(i => (i % 3) switch
        {
            0 => clerk.PostAsJsonAsync($"/api/files/{fileId}/park", new RemarksCommand("awaiting report")),
            1 => clerk.PostAsJsonAsync($"/api/files/{fileId}/close", new RemarksCommand("done")),
            _ => clerk.PostAsJsonAsync($"/api/files/{fileId}/send", new SendFileCommand(so, null)),
        })) % 3;
        await app.WithDbAsync(async db =>
        {
            var file = await db.Files.Include(f => f.Movements).SingleAsync(f => f.Id == fileId);
            Assert.Equal(winner switch { 0 => FileStatus.Parked, 1 => FileStatus.Closed, _ => FileStatus.Open }, file.Status);
            Assert.Equal(2, file.Movements.Count);   // created, then the one that won
        });
        await NoBreachesAsync();
    }

    [Fact]
    public async Task UnparkReopenMarkAndRevoke_RacedTenTimes_EachHappensOnce()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var fileId = await NewFileAsync(clerk, "Race: unpark, reopen, mark");
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/files/{fileId}/park", new RemarksCommand(null))).StatusCode);
        await OneWinsAsync(await RaceAsync(_ => clerk.PostAsync($"/api/files/{fileId}/unpark", null)));
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/files/{fileId}/close", new RemarksCommand(null))).StatusCode);
        await OneWinsAsync(await RaceAsync(_ => clerk.PostAsJsonAsync($"/api/files/{fileId}/reopen", new RemarksCommand("again"))));
        await app.WithDbAsync(async db =>
        {
            var kinds = await db.Movements.Where(m => m.FileId == fileId).OrderBy(m => m.Id).Select(m => m.Kind).ToListAsync();
            Assert.Equal([MovementKind.Created, MovementKind.Parked, MovementKind.Unparked, MovementKind.Closed, MovementKind.Reopened], kinds);
        });

        // Marking the same paper PUC from ten tabs: the first wins, the rest are told the file changed or find it done.
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(TestPdf.Pages(1, "Reference"));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", "reference.pdf");
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsync($"/api/files/{fileId}/documents", form)).StatusCode);
        var marks = await RaceAsync(i => clerk.PutAsJsonAsync($"/api/files/{fileId}/correspondence/1", new MarkCorrespondenceCommand(i % 2 == 0, i % 2 == 1)));
        Assert.All(marks, r => Assert.True(r.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        await app.WithDbAsync(async db =>
        {
            var item = await db.Correspondence.SingleAsync(c => c.FileId == fileId);
            Assert.True(item.IsPuc != item.IsFr);   // one request's choice, never half of each
        });

        // Revoking one's own certificate from ten tabs at once revokes it once.
        var officer = await app.ApiClientAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))).StatusCode);
        // Opening a signing session from ten tabs at once: each opens it, none fails.
        var sessions = await RaceAsync(_ => officer.PostAsJsonAsync("/api/signing/session", new { pin = Pin }));
        Assert.All(sessions, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        await OneWinsAsync(await RaceAsync(_ => officer.PostAsJsonAsync("/api/signing/revoke", new { reason = "Laptop lost" })));
        Assert.Equal(1, await app.WithDbAsync(db => db.SigningCredentials.CountAsync(c => c.Employee.Code == Demo.Admin && c.Status == Daftar.Signing.CredentialStatus.Revoked)));
    }

    [Fact]
    public async Task DraftForApproval_RevisedApprovedAndIssuedTenTimesAtOnce_OneOfEach()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        var fileId = await NewFileAsync(clerk, "Race: draft for approval");
        var started = await clerk.PostAsJsonAsync($"/api/files/{fileId}/drafts", new Daftar.Web.Features.Letters.StartDraftCommand(DraftKind.Letter, DraftLanguage.Hindi, "विषय", "पाठ", null, null));
        var draftId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await clerk.SendFileAsync(fileId, await app.PostIdAsync("SO-DOIT-GR1"));

        // Ten revisions at once: each that succeeds is a version of its own, numbered without gaps or repeats.
        var revisions = await RaceAsync(i => officer.PutAsJsonAsync($"/api/drafts/{draftId}", new Daftar.Web.Features.Letters.ReviseDraftCommand("विषय", $"पाठ {i}", null, null)));
        Assert.All(revisions, r => Assert.True(r.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var versions = await app.WithDbAsync(db => db.DraftVersions.Where(v => v.DraftId == draftId).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 1 + revisions.Count(r => r.IsSuccessStatusCode)), versions);

        // Approving different versions at once: one approval, of one version.
        var winner = await OneWinsAsync(await RaceAsync(i => officer.PostAsJsonAsync($"/api/drafts/{draftId}/approve", new Daftar.Web.Features.Letters.ApproveDraftCommand(1 + i % versions.Count))));
        Assert.Equal(1 + winner % versions.Count, await app.WithDbAsync(db => db.Drafts.Where(d => d.Id == draftId).Select(d => d.ApprovedVersionNumber).SingleAsync()));

        // Issuing ten times at once: one letter, one dispatch number used, one item in the correspondence.
        Assert.True((await officer.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin, Replace: true))).IsSuccessStatusCode);
        await OneWinsAsync(await RaceAsync(_ => officer.PostAsJsonAsync($"/api/drafts/{draftId}/issue", new Daftar.Web.Features.Letters.IssueDraftCommand(Pin))));
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.IssuedLetters.CountAsync(l => l.DraftId == draftId));
            Assert.Equal(1, await db.Correspondence.CountAsync(c => c.FileId == fileId));
            Assert.EndsWith("/1", (await db.IssuedLetters.SingleAsync(l => l.DraftId == draftId)).LetterNumber);
        });
        await NoBreachesAsync();
    }

    [Fact]
    public async Task TenDocumentsAttachedAtOnce_TakeDistinctPlacesInTheCorrespondence()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var fileId = await NewFileAsync(clerk, "Race: attachments");
        var responses = await RaceAsync(i =>
        {
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(TestPdf.Pages(1, $"Report {i}"));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(part, "file", $"report-{i}.pdf");
            return clerk.PostAsync($"/api/files/{fileId}/documents", form);
        });
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var attached = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.InRange(attached, 1, Racers);
        await app.WithDbAsync(async db =>
        {
            var orders = await db.Correspondence.Where(c => c.FileId == fileId).OrderBy(c => c.Order).Select(c => c.Order).ToListAsync();
            Assert.Equal(Enumerable.Range(1, attached), orders);
        });
    }
}
