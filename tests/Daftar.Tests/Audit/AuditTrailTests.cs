using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Daftar.Tests.Audit;

public class AuditTrailTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private Task<AuditChain.Report> SealAndVerifyAsync() => SealAndVerifyAsync(app);

    private static async Task<AuditChain.Report> SealAndVerifyAsync(DaftarFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var chain = scope.ServiceProvider.GetRequiredService<AuditChain>();
        while (await chain.SealAsync(CancellationToken.None) > 0) { }
        return await chain.VerifyAsync(CancellationToken.None);
    }

    private Task<int> FileWithHistoryAsync() => FileWithHistoryAsync(app);

    private static async Task<int> FileWithHistoryAsync(DaftarFactory app)
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var created = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Audit trail test", 12, null));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await clerk.PostAsJsonAsync($"/api/files/{id}/notes", new SaveNoteCommand("जाँच हेतु।"));
        await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(await app.PostIdAsync("SO-DOIT-GR1"), "please check"));
        return id;
    }

    [Fact]
    public async Task EveryFileChange_IsRecordedWithActorPostAndBeforeAfter()
    {
        var id = await FileWithHistoryAsync();
        var clerkId = await app.EmployeeIdAsync(Demo.Clerk);
        var clerkPost = await app.PostIdAsync("LDC-DOIT-GR1");
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.ObjectType == "file" && e.ObjectId == id.ToString()).OrderBy(e => e.Id).ToListAsync());
        Assert.Contains(events, e => e.Action == "EFile.Added");
        // The note's text is not copied into the trail, only its SHA-256 (what sha256sum of the saved text prints).
        var textHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("जाँच हेतु।")));
        Assert.Contains(events, e => e.Action == "Note.Added" && e.Summary.Contains($"Text: sha256:{textHash}"));
        Assert.DoesNotContain(events, e => e.Summary.Contains("जाँच"));
        Assert.Contains(events, e => e.Action == "Note.Modified" && e.Summary.Contains("IsConfirmed: False → True"));
        Assert.Contains(events, e => e.Action == "Movement.Added" && e.Summary.Contains("please check"));
        Assert.Contains(events, e => e.Action == "EFile.Modified" && e.Summary.Contains($"HolderPostId: {clerkPost} →"));
        Assert.All(events, e => Assert.Equal(clerkId, e.ActorEmployeeId));
        Assert.All(events.Where(e => e.Action != "EFile.Added"), e => Assert.Equal(clerkPost, e.ActingPostId));
        Assert.DoesNotContain(await app.WithDbAsync(db => db.AuditEvents.Select(e => e.Summary).ToListAsync()), s => s.Contains("PasswordHash") || s.Contains("AQAAAA"));
    }

    [Fact]
    public async Task ANewFilesOwnRows_AreRecordedWithItsRealNumber()
    {
        // The file's "created" movement is inserted with the file: its event is written after the insert, when the
        // file's number is known, and its summary names that number, not EF's placeholder.
        var id = await FileWithHistoryAsync();
        var created = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.ObjectType == "file" && e.ObjectId == id.ToString() && e.Action == "Movement.Added" && e.Summary.Contains("Kind: Created")));
        Assert.Contains($"FileId: {id};", created.Summary);
        Assert.DoesNotContain("-2147", created.Summary);
    }

    [Fact]
    public async Task AFailedSave_WritesNoEvent_AndItsEventsDoNotRideAlongWithTheNextSave()
    {
        var id = await FileWithHistoryAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Daftar.Data.DaftarDb>();
        var file = await db.Files.SingleAsync(f => f.Id == id);
        // Someone else changes the file meanwhile: this save loses on the file's version.
        await app.WithDbAsync(other => other.Files.Where(f => f.Id == id).ExecuteUpdateAsync(u => u.SetProperty(f => f.Version, Guid.NewGuid())));
        db.Entry(file).Property(f => f.Subject).CurrentValue = "Lost subject";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        // A save detects its changes once and pauses automatic detection meanwhile; a failed save leaves it on again.
        Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
        Assert.Equal(0, await app.WithDbAsync(d => d.AuditEvents.CountAsync(e => e.ObjectId == id.ToString() && e.Summary.Contains("Lost subject"))));

        await db.Entry(file).ReloadAsync();
        db.Entry(file).Property(f => f.Subject).CurrentValue = "Kept subject";
        await db.SaveChangesAsync();
        Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
        var subjects = await app.WithDbAsync(d => d.AuditEvents.Where(e => e.ObjectId == id.ToString() && e.Action == "EFile.Modified" && e.Summary.Contains("Subject:")).Select(e => e.Summary).ToListAsync());
        Assert.True(subjects.Count == 1, string.Join(" || ", subjects));
        Assert.Equal("Subject: Audit trail test → Kept subject", subjects[0]);
    }

    [Fact]
    public async Task APooledContext_CarriesNeitherActorNorChangesIntoTheNextRequest()
    {
        var id = await FileWithHistoryAsync();
        var post = await app.PostIdAsync("SO-DOIT-GR1");
        Daftar.Data.DaftarDb first;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditActor>().ActingPostId = post;
            first = scope.ServiceProvider.GetRequiredService<Daftar.Data.DaftarDb>();
            var file = await first.Files.SingleAsync(f => f.Id == id);
            first.Entry(file).Property(f => f.Subject).CurrentValue = "First lease";
            await first.SaveChangesAsync();
            first.Entry(file).Property(f => f.Subject).CurrentValue = "Never saved";   // the request ends without saving this
        }
        // Other leases (the background services') share the pool: take contexts until the first comes back.
        for (var taken = 0; ; taken++)
        {
            Assert.True(taken < 100, "The context never came back from the pool.");
            await using var scope = app.Services.CreateAsyncScope();
            var second = scope.ServiceProvider.GetRequiredService<Daftar.Data.DaftarDb>();
            if (!ReferenceEquals(first, second)) continue;
            Assert.Empty(second.ChangeTracker.Entries());
            var file = await second.Files.SingleAsync(f => f.Id == id);
            Assert.Equal("First lease", file.Subject);
            second.Entry(file).Property(f => f.Subject).CurrentValue = "Second lease";
            await second.SaveChangesAsync();
            break;
        }
        var events = await app.WithDbAsync(d => d.AuditEvents.Where(e => e.ObjectId == id.ToString() && e.Action == "EFile.Modified" && e.Summary.Contains("Subject:")).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["Subject: Audit trail test → First lease", "Subject: First lease → Second lease"], events.Select(e => e.Summary));
        Assert.Equal(post, events[0].ActingPostId);
        Assert.Null(events[1].ActingPostId);
    }

    [Fact]
    public async Task RefusedAction_LeavesNoAuditEvent()
    {
        var id = await FileWithHistoryAsync();
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var before = await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.ObjectType == "file"));
        var refused = await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(await app.PostIdAsync("CS"), null));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.ObjectType == "file")));
    }

    [Fact]
    public async Task Chain_IsIntact_AndVerifyCatchesAnEditedOrDeletedEvent()
    {
        // Tampering needs a database of its own.
        await using var app = new DaftarFactory();
        await ((IAsyncLifetime)app).InitializeAsync();
        await FileWithHistoryAsync(app);
        var report = await SealAndVerifyAsync(app);
        Assert.True(report.Intact, string.Join("\n", report.Problems));
        Assert.True(report.Sealed > 3);
        Assert.Equal(0, report.Unsealed);

        // Edited: someone with database access rewrites a summary.
        var victim = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Sequence != null).OrderBy(e => e.Sequence).Skip(2).Select(e => e.Id).FirstAsync());
        await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id == victim).ExecuteUpdateAsync(s => s.SetProperty(e => e.Summary, "nothing happened")));
        var edited = await SealAndVerifyAsync(app);
        Assert.Contains(edited.Problems, p => p.Contains($"(event {victim})") && p.Contains("changed"));
        var cli = new StringWriter();
        var errors = new StringWriter();
        Assert.Equal(1, await AdminCommands.RunAsync(["audit", "verify", $"--Database:Provider={TestDatabase.Provider}", $"--Database:ConnectionString={app.ConnectionString}"], cli, errors));
        Assert.Contains("BROKEN", cli.ToString());

        // Deleted: the gap in the sequence shows.
        var last = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence).Skip(1).Select(e => e.Sequence).FirstAsync());
        await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Sequence == last).ExecuteDeleteAsync());
        var deleted = await SealAndVerifyAsync(app);
        Assert.Contains(deleted.Problems, p => p.Contains($"sequence {last}: missing"));
    }

    [Fact]
    public async Task InsertedEvent_WithAForgedSequence_IsCaught()
    {
        await using var app = new DaftarFactory();
        await ((IAsyncLifetime)app).InitializeAsync();
        await FileWithHistoryAsync(app);
        Assert.True((await SealAndVerifyAsync(app)).Intact);
        await app.WithDbAsync(async db =>
        {
            var head = await db.AuditEvents.Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence).FirstAsync();
            var forged = new Daftar.Audit.AuditEvent(DateTimeOffset.UtcNow, null, null, "EFile.Deleted", "file", "1", "forged");
            // A forger who knows the scheme but inserts in the middle cannot make the next event's hash follow.
            forged.Seal(head.Sequence!.Value, head.PreviousHash!, DateTimeOffset.UtcNow);
            await db.AuditEvents.Where(e => e.Id == head.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Sequence, head.Sequence + 1));
            db.AuditEvents.Add(forged);
            await db.SaveChangesAsync();
        });
        var report = await SealAndVerifyAsync(app);
        Assert.False(report.Intact);
    }

    [Fact]
    public async Task Cli_AuditVerify_ExitsZeroOnAnIntactChain()
    {
        await using var own = new DaftarFactory();
        await ((IAsyncLifetime)own).InitializeAsync();
        var clerk = await own.ApiClientAsync(Demo.Clerk);
        await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("CLI audit", 12, null));
        var output = new StringWriter();
        var code = await AdminCommands.RunAsync(["audit", "verify", $"--Database:Provider={TestDatabase.Provider}", $"--Database:ConnectionString={own.ConnectionString}"], output, new StringWriter());
        Assert.Equal(0, code);
        Assert.Contains("Audit chain intact", output.ToString());
        await ((IAsyncLifetime)own).DisposeAsync();
    }
}
