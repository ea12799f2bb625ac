using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Signing;
using Daftar.Tests.Infrastructure;
using Daftar.Web;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Signing;

namespace Daftar.Tests.Signing;

/// <summary>The CA's admin verbs and verify-cms, run against the same database as a live Daftar.</summary>
public class PkiCommandTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private string[] Settings => [$"--Database:Provider={TestDatabase.Provider}", $"--Database:ConnectionString={app.ConnectionString}",
        $"--Signing:MasterKey={TestDatabase.MasterKey}", $"--Daftar:DataPath={app.DataPath}"];

    private async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await AdminCommands.RunAsync([.. args, .. Settings], output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task VerifyCms_ExitsZeroOnlyForAValidSignature_AndRevokeAndCrlWorkFromTheCommandLine()
    {
        var clerk = await app.ApiClientAsync("RJ100006");   // LDC, GAD
        await clerk.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand("620481", "620481"));
        var created = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Office furniture", 1, null));
        var fileId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var saved = await clerk.PostAsJsonAsync($"/api/files/{fileId}/notes", new SaveNoteCommand("Quotations received."));
        var noteId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await clerk.PostAsync($"/api/notes/{noteId}/confirm", null);
        Assert.True((await clerk.PostAsJsonAsync($"/api/notes/{noteId}/sign", new SignNoteCommand("620481"))).IsSuccessStatusCode);

        var dir = Directory.CreateTempSubdirectory("daftar-cli-").FullName;
        var content = Path.Combine(dir, "note.txt");
        var signature = Path.Combine(dir, "note.p7s");
        await File.WriteAllBytesAsync(content, await clerk.GetByteArrayAsync($"/api/notes/{noteId}/signature/content"));
        await File.WriteAllBytesAsync(signature, await clerk.GetByteArrayAsync($"/api/notes/{noteId}/signature/cms"));

        var valid = await RunAsync("verify-cms", content, signature);
        Assert.True(valid.Code == 0, valid.Output + valid.Errors);
        Assert.Contains("VALID", valid.Output);
        var bytes = await File.ReadAllBytesAsync(content);
        bytes[^1] ^= 1;
        await File.WriteAllBytesAsync(content, bytes);
        var changed = await RunAsync("verify-cms", content, signature);
        Assert.Equal(1, changed.Code);
        Assert.Contains("NOT VALID", changed.Errors);
        Assert.Equal(1, (await RunAsync("verify-cms", content, Path.Combine(dir, "missing.p7s"))).Code);

        var status = await RunAsync("pki", "status");
        Assert.Equal(0, status.Code);
        Assert.Contains("Issuing", status.Output);
        var serial = (await clerk.GetFromJsonAsync<SigningStatus>("/api/signing"))!.Credential!.SerialHex;
        Assert.Equal(1, (await RunAsync("pki", "revoke", serial)).Code);                  // no reason
        Assert.Equal(0, (await RunAsync("pki", "revoke", serial, "--reason", "Left the department")).Code);
        Assert.Equal(1, (await RunAsync("pki", "revoke", serial, "--reason", "again")).Code);

        var crlFile = Path.Combine(dir, "gad.crl");
        Assert.Equal(0, (await RunAsync("pki", "crl", "GAD", "--out", crlFile)).Code);
        Assert.Contains(serial, RevocationList.Parse(await File.ReadAllBytesAsync(crlFile)).Revoked.Keys);
        Assert.Equal(1, (await RunAsync("pki", "crl", "NOPE")).Code);
        Assert.Equal(64, (await RunAsync("pki")).Code);
    }
}
