using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Daftar.Signing;
using Daftar.Tests.Infrastructure;
using Daftar.Web;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Signing;
using Microsoft.Extensions.DependencyInjection;

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
    /// <summary>A signed, time-stamped note of the employee's own, for the renewal test.</summary>
    private static async Task<int> SignedNoteAsync(HttpClient officer, string text)
    {
        var created = await officer.PostAsJsonAsync("/api/files", new CreateFileCommand("Stationery for the section " + text, 1, null));
        var fileId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var saved = await officer.PostAsJsonAsync($"/api/files/{fileId}/notes", new SaveNoteCommand(text));
        var noteId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await officer.PostAsync($"/api/notes/{noteId}/confirm", null);
        var signed = await officer.PostAsJsonAsync($"/api/notes/{noteId}/sign", new SignNoteCommand("530914"));
        Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync());
        return noteId;
    }

    private static async Task<System.Security.Cryptography.X509Certificates.X509Certificate2> TimestampAuthorityOfAsync(HttpClient officer, int noteId)
    {
        var cms = new System.Security.Cryptography.Pkcs.SignedCms();
        cms.Decode(await officer.GetByteArrayAsync($"/api/notes/{noteId}/signature/cms"));
        var token = cms.SignerInfos[0].UnsignedAttributes.Cast<System.Security.Cryptography.CryptographicAttributeObject>()
            .Single(a => a.Oid.Value == KeySigner.TimestampTokenOid).Values[0].RawData;
        Assert.True(System.Security.Cryptography.Pkcs.Rfc3161TimestampToken.TryDecode(token, out var decoded, out _));
        Assert.True(decoded!.VerifySignatureForSignerInfo(cms.SignerInfos[0], out var tsa));
        return tsa!;
    }

    [Fact]
    public async Task RenewTsa_MovesStampingToANewAuthority_AndWhatTheOldOneStampedKeepsVerifying()
    {
        var officer = await app.ApiClientAsync("RJ100007");
        Assert.True((await officer.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand("530914", "530914"))).IsSuccessStatusCode);
        var before = await SignedNoteAsync(officer, "Quotations for paper and toner.");
        var oldTsa = await TimestampAuthorityOfAsync(officer, before);

        // From the command line (another process would take it up within the trust cache's seconds) …
        var renewed = await RunAsync("pki", "renew-tsa");
        Assert.True(renewed.Code == 0, renewed.Errors);
        Assert.Contains("tsa-2", renewed.Output);
        var status = await RunAsync("pki", "status");
        Assert.Contains("tsa-2", status.Output);
        // … and in the running Daftar, at once.
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Pki>().RenewTimestampAuthorityAsync(CancellationToken.None);

        var after = await SignedNoteAsync(officer, "Supply order approved.");
        var newTsa = await TimestampAuthorityOfAsync(officer, after);
        Assert.NotEqual(oldTsa.SerialNumber, newTsa.SerialNumber);
        Assert.Equal(256, newTsa.GetECDsaPublicKey()?.KeySize);
        foreach (var note in new[] { before, after })
        {
            var view = await officer.GetFromJsonAsync<JsonElement>($"/api/notes/{note}/signature");
            Assert.True(view.GetProperty("valid").GetBoolean(), view.ToString());
        }
    }
}
