using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Files;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Files;

/// <summary>Officers acting on one file at the same moment: exactly one wins, the others are told, nothing is half-done.</summary>
public class FileConflictTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static Task<int> NewFileAsync(HttpClient api, string subject) => api.CreateFileAsync(subject);

    [Fact]
    public async Task TwentyParallelSends_ExactlyOneWins_AndTheHistoryHasOneSend()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await NewFileAsync(clerk, "Race: many sends");
        var targets = await app.WithDbAsync(db => db.Posts.Where(p => p.Code != "LDC-DOIT-GR1").OrderBy(p => p.Id).Select(p => p.Id).Take(20).ToListAsync());
        var responses = await Task.WhenAll(targets.Select(to => clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(to, $"to {to}"))));

        var winners = targets.Zip(responses).Where(x => x.Second.StatusCode == HttpStatusCode.NoContent).ToList();
        var winner = Assert.Single(winners);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.NoContent), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        await app.WithDbAsync(async db =>
        {
            var file = await db.Files.Include(f => f.Movements).SingleAsync(f => f.Id == id);
            Assert.Equal(winner.First, file.HolderPostId);
            var sent = Assert.Single(file.Movements, m => m.Kind == MovementKind.Sent);
            Assert.Equal(winner.First, sent.ToPostId);
            Assert.True(await db.FileParticipants.AnyAsync(p => p.FileId == id && p.PostId == winner.First));
            Assert.Equal(2, await db.FileParticipants.CountAsync(p => p.FileId == id));
        });
    }

    [Fact]
    public async Task PullBackRacingTheRecipientOpening_LeavesAConsistentFile()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        for (var round = 0; round < 3; round++)
        {
            var id = await NewFileAsync(clerk, $"Race: pull back {round}");
            await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(so, null));
            var pulls = Enumerable.Range(0, 10).Select(_ => clerk.PostAsync($"/api/files/{id}/pull-back", null));
            var opens = Enumerable.Range(0, 10).Select(_ => officer.GetAsync($"/api/files/{id}"));
            var all = await Task.WhenAll(pulls.Concat(opens));
            Assert.All(all, r => Assert.True(r.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.NotFound, r.StatusCode.ToString()));
            var pulledBack = all.Take(10).Count(r => r.StatusCode == HttpStatusCode.NoContent);
            Assert.InRange(pulledBack, 0, 1);

            await app.WithDbAsync(async db =>
            {
                var file = await db.Files.Include(f => f.Movements).SingleAsync(f => f.Id == id);
                var sent = Assert.Single(file.Movements, m => m.Kind == MovementKind.Sent);
                if (pulledBack == 1)
                {
                    Assert.Equal(await app.PostIdAsync("LDC-DOIT-GR1"), file.HolderPostId);
                    Assert.Null(sent.OpenedAt);
                    Assert.NotNull(sent.PulledBackAt);
                    Assert.Single(file.Movements, m => m.Kind == MovementKind.PulledBack);
                }
                else
                {
                    Assert.Equal(so, file.HolderPostId);
                    Assert.NotNull(sent.OpenedAt);
                    Assert.Null(sent.PulledBackAt);
                    Assert.DoesNotContain(file.Movements, m => m.Kind == MovementKind.PulledBack);
                }
            });
        }
    }

    [Fact]
    public async Task NotesRacingASend_AreEitherConfirmedBeforeTheSendOrRefused()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        var id = await NewFileAsync(clerk, "Race: notes and send");
        var notes = Enumerable.Range(0, 15).Select(i => clerk.PostAsJsonAsync($"/api/files/{id}/notes", new SendNoteText($"टिप्पणी {i}")));
        var sends = Enumerable.Range(0, 10).Select(_ => clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(so, null)));
        var all = await Task.WhenAll(notes.Concat(sends));
        // Sends conflict with each other, so at most one wins; notes may win every race, and then the file is still here to send.
        var sent = all.Skip(15).Count(r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.InRange(sent, 0, 1);
        Assert.All(all, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        if (sent == 0) await clerk.SendFileAsync(id, so);

        await app.WithDbAsync(async db =>
        {
            var file = await db.Files.Include(f => f.Notes).SingleAsync(f => f.Id == id);
            Assert.Equal(so, file.HolderPostId);
            // The clerk no longer holds the file, so no yellow note of theirs may be left behind, and numbering has no holes.
            Assert.All(file.Notes, n => Assert.True(n.IsConfirmed));
            Assert.Equal(Enumerable.Range(1, file.Notes.Count), file.Notes.Select(n => n.Number!.Value).Order());
            Assert.Equal(file.Notes.Count, file.LastNoteNumber);
        });
    }

    private sealed record SendNoteText(string Text);
}
