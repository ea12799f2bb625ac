using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Files;
using Daftar.Tests.Infrastructure;
using Daftar.Web;
using Daftar.Web.Features.Files;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Daftar.Tests.Reliability;

/// <summary>
/// Daftar runs as its own process while officers create, note and send files and diarise and send receipts at once;
/// the process is killed with SIGKILL in the middle of that, started again, and everything it had acknowledged must
/// be there, every file and receipt consistent, and the audit chain intact.
/// </summary>
public class CrashSafetyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("daftar-crash-").FullName;
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestDatabase.CreateAsync(_dataPath);

    public Task DisposeAsync()
    {
        Directory.Delete(_dataPath, recursive: true);
        return Task.CompletedTask;
    }

    private abstract record Ack;
    private sealed record FileCreated(int FileId) : Ack;
    private sealed record NoteSaved(int FileId, int NoteId) : Ack;
    private sealed record FileSent(int FileId, int ToPostId) : Ack;
    private sealed record ReceiptDiarised(int ReceiptId, string DiaryNumber) : Ack;
    private sealed record ReceiptSent(int ReceiptId, int ToPostId) : Ack;

    private static MultipartFormDataContent ReceiptForm(string subject) => new()
    {
        { new StringContent("Collector, Jaipur"), "sender" },
        { new StringContent("F.4(2)/Coll/2026"), "letterNumber" },
        { new StringContent(subject), "subject" },
        { new StringContent("Post"), "mode" },
    };

    [Fact]
    public async Task KilledMidWork_EveryAcknowledgedActionSurvives_AndFilesAndReceiptsStayConsistent()
    {
        var token = await ServerProcess.IssueTokenAsync(_connectionString, _dataPath, Demo.Clerk);
        int so;
        await using (var setup = new ExistingInstallation(_dataPath, _connectionString, usesTestMasterKey: true))
            so = await setup.PostIdAsync("SO-DOIT-GR1");

        var acknowledged = new ConcurrentBag<Ack>();
        var unexpected = new ConcurrentBag<string>();
        await using (var server = await ServerProcess.StartAsync(_connectionString, _dataPath))
        {
            using var clerk = server.Client(token);
            var killed = false;

            async Task<JsonElement?> CallAsync(Func<Task<HttpResponseMessage>> call)
            {
                var response = await call();
                if (!response.IsSuccessStatusCode)
                {
                    if (!Volatile.Read(ref killed)) unexpected.Add($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    return null;
                }
                return response.StatusCode == HttpStatusCode.NoContent ? default(JsonElement) : await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            async Task FilesAsync(int worker)
            {
                for (var i = 0; ; i++)
                {
                    if (await CallAsync(() => clerk.PostAsJsonAsync("/api/files", new CreateFileCommand($"कार्य {worker}-{i}: crash test", 12, null))) is not { } created) return;
                    var fileId = created.GetProperty("id").GetInt32();
                    acknowledged.Add(new FileCreated(fileId));
                    if (await CallAsync(() => clerk.PostAsJsonAsync($"/api/files/{fileId}/notes", new SaveNoteCommand($"टिप्पणी {worker}-{i}"))) is not { } note) return;
                    acknowledged.Add(new NoteSaved(fileId, note.GetProperty("id").GetInt32()));
                    if (await CallAsync(() => clerk.PostAsJsonAsync($"/api/files/{fileId}/send", new SendFileCommand(so, "please see"))) is null) return;
                    acknowledged.Add(new FileSent(fileId, so));
                }
            }

            async Task ReceiptsAsync(int worker)
            {
                for (var i = 0; ; i++)
                {
                    if (await CallAsync(() => clerk.PostAsync("/api/receipts", ReceiptForm($"आवती {worker}-{i}"))) is not { } receipt) return;
                    var receiptId = receipt.GetProperty("id").GetInt32();
                    acknowledged.Add(new ReceiptDiarised(receiptId, receipt.GetProperty("diaryNumber").GetString()!));
                    if (await CallAsync(() => clerk.PostAsJsonAsync($"/api/receipts/{receiptId}/send", new SendFileCommand(so, null))) is null) return;
                    acknowledged.Add(new ReceiptSent(receiptId, so));
                }
            }

            async Task SafelyAsync(Func<Task> work)
            {
                try
                {
                    await work();
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    // the server was killed under this request
                }
            }

            var workers = Enumerable.Range(0, 8).Select(w => SafelyAsync(() => FilesAsync(w)))
                .Concat(Enumerable.Range(0, 8).Select(w => SafelyAsync(() => ReceiptsAsync(w)))).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (acknowledged.Count < 400 && DateTime.UtcNow < deadline && workers.Any(w => !w.IsCompleted)) await Task.Delay(20);
            Volatile.Write(ref killed, true);
            await server.KillAsync();
            await Task.WhenAll(workers);
            Assert.True(unexpected.IsEmpty, string.Join('\n', unexpected.Take(5)) + "\n" + server.RecentLog);
        }
        Assert.True(acknowledged.Count >= 200, $"only {acknowledged.Count} actions were acknowledged before the kill");
        output.WriteLine($"{TestDatabase.Provider}: {acknowledged.Count} actions acknowledged before SIGKILL " +
                         string.Join(", ", acknowledged.GroupBy(a => a.GetType().Name).Select(g => $"{g.Key} {g.Count()}")));

        // Started again on the same database and data folder, Daftar serves what it had acknowledged.
        await using (var again = await ServerProcess.StartAsync(_connectionString, _dataPath))
        {
            using var clerk = again.Client(token);
            foreach (var created in acknowledged.OfType<FileCreated>().Take(20))
                Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/api/files/{created.FileId}")).StatusCode);
            foreach (var diarised in acknowledged.OfType<ReceiptDiarised>().Take(20))
                Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/api/receipts/{diarised.ReceiptId}")).StatusCode);
        }

        await using var installation = new ExistingInstallation(_dataPath, _connectionString, usesTestMasterKey: true);
        await installation.WithDbAsync(async db =>
        {
            var files = await db.Files.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.HolderPostId);
            var notes = await db.Notes.AsNoTracking().Select(n => new { n.Id, n.FileId }).ToDictionaryAsync(n => n.Id, n => n.FileId);
            var sent = (await db.Movements.AsNoTracking().Where(m => m.Kind == MovementKind.Sent).Select(m => m.FileId).ToListAsync()).ToHashSet();
            var receipts = await db.Receipts.AsNoTracking().ToDictionaryAsync(r => r.Id, r => new { r.DiaryNumber, r.HolderPostId });
            foreach (var ack in acknowledged)
            {
                switch (ack)
                {
                    case FileCreated f: Assert.True(files.ContainsKey(f.FileId), $"acknowledged file {f.FileId} is missing"); break;
                    case NoteSaved n: Assert.True(notes.TryGetValue(n.NoteId, out var fileId) && fileId == n.FileId, $"acknowledged note {n.NoteId} is missing"); break;
                    case FileSent s:
                        Assert.Equal(s.ToPostId, files[s.FileId]);
                        Assert.Contains(s.FileId, sent);
                        break;
                    case ReceiptDiarised r: Assert.Equal(r.DiaryNumber, receipts[r.ReceiptId].DiaryNumber); break;
                    case ReceiptSent r: Assert.Equal(r.ToPostId, receipts[r.ReceiptId].HolderPostId); break;
                }
            }
            Assert.Empty(await Invariants.BreachesAsync(db));
        });

        var printed = new StringWriter();
        var errors = new StringWriter();
        var verify = await AdminCommands.RunAsync(["audit", "verify", $"--Database:Provider={TestDatabase.Provider}", $"--Database:ConnectionString={_connectionString}",
            $"--Daftar:DataPath={_dataPath}", $"--Signing:MasterKey={TestDatabase.MasterKey}"], printed, errors);
        Assert.True(verify == 0, printed + errors.ToString());
        Assert.Contains("Audit chain intact", printed.ToString());
        output.WriteLine(printed.ToString().Trim());
    }
}
