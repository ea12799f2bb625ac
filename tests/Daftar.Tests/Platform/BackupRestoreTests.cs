using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Daftar.Files;
using Daftar.Tests.Infrastructure;
using Daftar.Web;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Daftar.Tests.Platform;

/// <summary>
/// The backup and restore verbs: a backup taken while officers keep working restores into an empty installation with
/// every document byte for byte, every signature valid, the CA keys usable and the audit chain intact; a wrong
/// passphrase, a changed byte or a non-empty target are refused and restore nothing.
/// </summary>
public class BackupRestoreTests(DaftarFactory app) : IClassFixture<DaftarFactory>, IDisposable
{
    private const string Pin = "739164";
    private readonly string _work = Directory.CreateTempSubdirectory("daftar-backup-test-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string[] Installation(string connectionString, string dataPath) =>
        [$"--Database:Provider={TestDatabase.Provider}", $"--Database:ConnectionString={connectionString}", $"--Daftar:DataPath={dataPath}"];

    private string[] Source => [.. Installation(app.ConnectionString, app.DataPath), $"--Signing:MasterKey={TestDatabase.MasterKey}"];

    private string PassphraseFile(string passphrase)
    {
        var path = Path.Combine(_work, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, passphrase + "\n");
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await AdminCommands.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    private static byte[] Pdf(string title) => TestPdf.Pages(1, title);

    private static Task<int> NewFileAsync(HttpClient api, string subject) => api.CreateFileAsync(subject);

    private static async Task AttachAsync(HttpClient api, int fileId, byte[] pdf)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", "scan.pdf");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/files/{fileId}/documents", form)).StatusCode);
    }

    private static async Task<int> SignedNoteAsync(HttpClient api, int fileId, string text)
    {
        var saved = await api.PostAsJsonAsync($"/api/files/{fileId}/notes", new SaveNoteCommand(text));
        var noteId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/notes/{noteId}/confirm", null)).StatusCode);
        var signed = await api.PostAsJsonAsync($"/api/notes/{noteId}/sign", new SignNoteCommand(Pin));
        Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync());
        return noteId;
    }

    [Fact]
    public async Task BackupTakenWhileOfficersWork_RestoresIntoAnEmptyInstallation_Intact()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))).StatusCode);
        var documents = Enumerable.Range(1, 3).Select(i => Pdf($"Inspection report {i}")).ToList();
        var fileIds = new List<int>();
        var noteIds = new List<int>();
        foreach (var (pdf, i) in documents.Select((d, i) => (d, i)))
        {
            var id = await NewFileAsync(clerk, $"भूमि आवंटन प्रकरण {i}");
            await AttachAsync(clerk, id, pdf);
            noteIds.Add(await SignedNoteAsync(clerk, id, $"प्रकरण {i} अनुमोदनार्थ प्रस्तुत है।"));
            fileIds.Add(id);
        }

        // Officers keep creating, noting and sending files while the backup runs.
        using var stop = new CancellationTokenSource();
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        var work = Task.Run(async () =>
        {
            var done = 0;
            while (!stop.IsCancellationRequested)
            {
                var id = await NewFileAsync(clerk, $"Work during backup {done}");
                await clerk.PostAsJsonAsync($"/api/files/{id}/notes", new SaveNoteCommand("टिप्पणी"));
                await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(so, null));
                done++;
            }
            return done;
        });
        await Task.Delay(300);
        var archive = Path.Combine(_work, "daftar.backup");
        var passphrase = PassphraseFile("सही घोड़ा बैटरी स्टेपल 2026");
        var backup = await RunAsync(["backup", "--out", archive, "--passphrase-file", passphrase, .. Source]);
        await stop.CancelAsync();
        Assert.True(await work > 0, "no work was done while the backup ran");
        Assert.True(backup.Code == 0, backup.Out + backup.Err);
        Assert.Contains("3 documents", backup.Out);
        Assert.False(File.Exists(archive + ".partial"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(archive));
        var plain = await File.ReadAllBytesAsync(archive);
        Assert.DoesNotContain("Inspection report", Encoding.Latin1.GetString(plain));   // nothing readable without the passphrase

        var target = Directory.CreateTempSubdirectory("daftar-restored-").FullName;
        var empty = await TestDatabase.CreateEmptyAsync(target);
        var restore = await RunAsync(["restore", archive, "--passphrase-file", passphrase, .. Installation(empty, target)]);
        Assert.True(restore.Code == 0, restore.Out + restore.Err);
        Assert.Contains("Audit chain intact", restore.Out);
        Assert.True(File.Exists(Path.Combine(target, "keys", "master.key")));

        await using var restored = new ExistingInstallation(target, empty);
        var restoredClerk = await restored.ApiClientAsync(Demo.Clerk);
        var browser = await restored.SignInAsync(Demo.Clerk);
        foreach (var (id, pdf) in fileIds.Zip(documents))
        {
            var view = (await restoredClerk.GetFromJsonAsync<JsonElement>($"/api/files/{id}"))!;
            var url = view.GetProperty("correspondence")[0].GetProperty("documents")[0].GetProperty("url").GetString()!;
            Assert.Equal(pdf, await browser.GetByteArrayAsync(url));
        }
        await restored.WithDbAsync(async db =>
        {
            Assert.Empty(await Invariants.BreachesAsync(db));
            var signed = await db.NoteSignatures.Select(s => s.NoteId).ToListAsync();
            Assert.Superset(noteIds.ToHashSet(), signed.ToHashSet());
        });
        foreach (var noteId in noteIds)
        {
            var signature = (await restoredClerk.GetFromJsonAsync<NoteSignatureView>($"/api/notes/{noteId}/signature"))!;
            Assert.True(signature.Valid, signature.Problem);
        }
        // The CA keys came back with the master key: a new officer can enrol and sign in the restored installation.
        var officer = await restored.ApiClientAsync(Demo.SectionOfficer);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))).StatusCode);
        var officerFile = await NewFileAsync(officer, "After the restore");
        var afterwards = await SignedNoteAsync(officer, officerFile, "पुनर्स्थापना के बाद हस्ताक्षरित।");
        Assert.True((await officer.GetFromJsonAsync<NoteSignatureView>($"/api/notes/{afterwards}/signature"))!.Valid);

        // The backup is a standard OpenPGP message: gpg opens it with the same passphrase, and it holds a tar archive.
        var gpgHome = Directory.CreateTempSubdirectory("gnupg-").FullName;
        var gpg = Process.Start(new ProcessStartInfo("gpg", ["--homedir", gpgHome, "--batch", "--quiet", "--pinentry-mode", "loopback", "--passphrase-file", passphrase,
            "--decrypt", archive])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var tar = new MemoryStream();
        await gpg.StandardOutput.BaseStream.CopyToAsync(tar);
        await gpg.WaitForExitAsync();
        Assert.Equal(0, gpg.ExitCode);
        tar.Position = 0;
        var names = new List<string>();
        using (var reader = new System.Formats.Tar.TarReader(tar))
            while (reader.GetNextEntry() is { } entry) names.Add(entry.Name);
        Assert.Contains("manifest.json", names);
        Assert.Contains("keys/master.key", names);
        Assert.Equal(3, names.Count(n => n.StartsWith("documents/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WrongPassphrase_ChangedByte_AndNonEmptyTarget_AreRefused_AndRestoreNothing()
    {
        var archive = Path.Combine(_work, "refusals.backup");
        var passphrase = PassphraseFile("a passphrase long enough");
        Assert.Equal(0, (await RunAsync(["backup", "--out", archive, "--passphrase-file", passphrase, .. Source])).Code);

        var shortOne = await RunAsync(["backup", "--out", archive + "2", "--passphrase-file", PassphraseFile("short"), .. Source]);
        Assert.NotEqual(0, shortOne.Code);
        Assert.Contains("at least 12 characters", shortOne.Err);
        var none = await RunAsync(["backup", "--out", archive + "2", .. Source]);
        Assert.NotEqual(0, none.Code);
        Assert.Contains("passphrase", none.Err);

        async Task<(int Code, string Err, string Target)> RestoreAsync(string file, string passphraseFile)
        {
            var target = Directory.CreateTempSubdirectory("daftar-refused-").FullName;
            var empty = await TestDatabase.CreateEmptyAsync(target);
            var result = await RunAsync(["restore", file, "--passphrase-file", passphraseFile, .. Installation(empty, target)]);
            return (result.Code, result.Err, target);
        }

        var wrong = await RestoreAsync(archive, PassphraseFile("not the right passphrase"));
        Assert.NotEqual(0, wrong.Code);
        Assert.Contains("passphrase does not open", wrong.Err);
        Assert.False(Directory.Exists(Path.Combine(wrong.Target, "keys")));

        var bytes = await File.ReadAllBytesAsync(archive);
        bytes[bytes.Length / 2] ^= 0x01;
        var changed = Path.Combine(_work, "changed.backup");
        await File.WriteAllBytesAsync(changed, bytes);
        var damaged = await RestoreAsync(changed, passphrase);
        Assert.NotEqual(0, damaged.Code);
        Assert.Contains("damaged or was changed", damaged.Err);
        Assert.False(Directory.Exists(Path.Combine(damaged.Target, "keys")));

        var truncated = Path.Combine(_work, "truncated.backup");
        await File.WriteAllBytesAsync(truncated, (await File.ReadAllBytesAsync(archive))[..^40]);
        Assert.NotEqual(0, (await RestoreAsync(truncated, passphrase)).Code);

        // The running installation itself is not empty: restoring over it is refused and changes nothing.
        var before = await app.WithDbAsync(db => db.Files.CountAsync());
        var over = await RunAsync(["restore", archive, "--passphrase-file", passphrase, .. Source]);
        Assert.NotEqual(0, over.Code);
        Assert.Contains("only into an empty installation", over.Err);
        Assert.Equal(before, await app.WithDbAsync(db => db.Files.CountAsync()));
    }
}
