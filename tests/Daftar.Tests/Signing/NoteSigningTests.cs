using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Daftar.Signing;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Signing;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Signing;

/// <summary>Enrolment, the PIN and its lockout, signing a note, revocation and verification — through the API, on both databases.</summary>
public class NoteSigningTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private const string Pin = "482913";

    /// <summary>A green note by the clerk on a new file; returns the note's id.</summary>
    private async Task<int> GreenNoteAsync(HttpClient clerk, string text = "प्रस्ताव अनुमोदनार्थ प्रस्तुत है।\n\n- 40 laptops")
    {
        var created = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Laptops for work from home", 12, null));
        var fileId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var saved = await clerk.PostAsJsonAsync($"/api/files/{fileId}/notes", new SaveNoteCommand(text));
        var noteId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsync($"/api/notes/{noteId}/confirm", null)).StatusCode);
        return noteId;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    [Fact]
    public async Task AnOfficerEnrols_SignsAGreenNote_AndAnotherOfficerSeesItVerified()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var bad = await clerk.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand("123456", "123456"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, "482914"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))).StatusCode);

        var status = await ReadAsync<SigningStatus>(await clerk.GetAsync("/api/signing"));
        Assert.True(status.Enrolled);
        Assert.Contains("CN=Priyanka Sharma", status.Credential!.Subject);
        Assert.Contains("Daftar DOIT CA", status.Credential.IssuerName);
        Assert.Null(status.SessionOpenUntil);

        var noteId = await GreenNoteAsync(clerk);
        var noPin = await clerk.PostAsJsonAsync($"/api/notes/{noteId}/sign", new SignNoteCommand(null));
        Assert.Equal(HttpStatusCode.BadRequest, noPin.StatusCode);
        var signed = await ReadAsync<NoteSignatureView>(await clerk.PostAsJsonAsync($"/api/notes/{noteId}/sign", new SignNoteCommand(Pin)));
        Assert.True(signed.Valid, signed.Problem);
        Assert.Equal("LDC-DOIT-GR1", signed.PostCode);
        Assert.True(signed.Timestamped);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"/api/notes/{noteId}/sign", new SignNoteCommand(null))).StatusCode);
        Assert.NotNull((await ReadAsync<SigningStatus>(await clerk.GetAsync("/api/signing"))).SessionOpenUntil);

        // The section officer (same section) sees the signature verified; someone from another department cannot see the note at all.
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        var seen = await ReadAsync<NoteSignatureView>(await officer.GetAsync($"/api/notes/{noteId}/signature"));
        Assert.True(seen.Valid);
        Assert.Equal("Priyanka Sharma", seen.SignerName);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/notes/{noteId}/sign", new SignNoteCommand(Pin))).StatusCode);
        var outsider = await app.ApiClientAsync("RJ100006");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/notes/{noteId}/signature")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/notes/{noteId}/signature/cms")).StatusCode);

        // Changed behind Daftar's back: the note no longer matches its signature, and the page and API say so.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Notes\" SET \"Text\" = {"प्रस्ताव अस्वीकृत।"} WHERE \"Id\" = {noteId}"));
        var tampered = await ReadAsync<NoteSignatureView>(await officer.GetAsync($"/api/notes/{noteId}/signature"));
        Assert.False(tampered.Valid);
        Assert.Contains("changed", tampered.Problem);
    }

    [Fact]
    public async Task FiveWrongPins_LockSigning_UntilTheAdministratorUnlocks()
    {
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))).StatusCode);
        for (var i = 1; i <= 4; i++)
        {
            var wrong = await officer.PostAsJsonAsync("/api/signing/session", new PinCommand("000111"));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains(i == 4 ? "One attempt left" : $"{5 - i} attempts left", await wrong.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync("/api/signing/session", new PinCommand("000111"))).StatusCode);
        // Locked: even the right PIN is refused now.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync("/api/signing/session", new PinCommand(Pin))).StatusCode);
        var status = await ReadAsync<SigningStatus>(await officer.GetAsync("/api/signing"));
        Assert.True(status.Credential!.Locked);

        var admin = await app.ApiClientAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/admin/pki/certificates/{status.Credential.Id}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/admin/pki/certificates/{status.Credential.Id}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync("/api/signing/session", new PinCommand(Pin))).StatusCode);

        // The PIN is nowhere in the database or the audit trail.
        var stored = await app.WithDbAsync(async db => string.Join("|", await db.AuditEvents.Select(e => e.Summary).ToListAsync()));
        Assert.DoesNotContain(Pin, stored);
    }

    [Fact]
    public async Task Revocation_ReachesTheCrl_RefusesNewSignatures_AndEarlierOnesStayValid()
    {
        var sdo = await app.ApiClientAsync("RJ100005");   // ASO, GAD
        Assert.Equal(HttpStatusCode.Created, (await sdo.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin))).StatusCode);
        var created = await sdo.PostAsJsonAsync("/api/files", new CreateFileCommand("Land records digitisation", 1, null));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var fileId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        async Task<int> NoteAsync(string text)
        {
            var saved = await sdo.PostAsJsonAsync($"/api/files/{fileId}/notes", new SaveNoteCommand(text));
            var id = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            await sdo.PostAsync($"/api/notes/{id}/confirm", null);
            return id;
        }
        var before = await NoteAsync("Survey complete; approved.");
        Assert.True((await ReadAsync<NoteSignatureView>(await sdo.PostAsJsonAsync($"/api/notes/{before}/sign", new SignNoteCommand(Pin)))).Valid);
        var status = await ReadAsync<SigningStatus>(await sdo.GetAsync("/api/signing"));

        Assert.Equal(HttpStatusCode.BadRequest, (await sdo.PostAsJsonAsync("/api/signing/revoke", new RevokeCommand(""))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await sdo.PostAsJsonAsync("/api/signing/revoke", new RevokeCommand("Laptop stolen"))).StatusCode);

        // The CRL at the URL in the certificate lists it, and is signed by the department's CA.
        var anonymous = app.CreateClient();
        var crl = RevocationList.Parse(await anonymous.GetByteArrayAsync("/pki/crl/GAD.crl"));
        Assert.Contains(status.Credential!.SerialHex, crl.Revoked.Keys);
        Assert.True(crl.IsSignedBy(X509CertificateLoader.LoadCertificate(await anonymous.GetByteArrayAsync("/pki/ca/GAD.crt"))));

        var after = await NoteAsync("One more note.");
        var refused = await sdo.PostAsJsonAsync($"/api/notes/{after}/sign", new SignNoteCommand(Pin));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        // The officer is told that it was revoked, when and why, and what to do; not "enrol first".
        var told = await refused.Content.ReadAsStringAsync();
        Assert.Contains("certificate_revoked", told);
        Assert.Contains("Laptop stolen", told);
        Assert.DoesNotContain("Enrol first", told);
        Assert.Equal("Laptop stolen", (await ReadAsync<SigningStatus>(await sdo.GetAsync("/api/signing"))).LastRevoked!.RevocationReason);
        var earlier = await ReadAsync<NoteSignatureView>(await sdo.GetAsync($"/api/notes/{before}/signature"));
        Assert.True(earlier.Valid, earlier.Problem);
        Assert.Equal((CertificateStatus.Good, CertificateStatus.Revoked), (earlier.StatusAtSigning, earlier.StatusNow));

        // Re-enrolment gives a new certificate; the employee signs again.
        Assert.Equal(HttpStatusCode.Created, (await sdo.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand("739251", "739251"))).StatusCode);
        Assert.True((await ReadAsync<NoteSignatureView>(await sdo.PostAsJsonAsync($"/api/notes/{after}/sign", new SignNoteCommand("739251")))).Valid);
    }

    [Fact]
    public async Task OpenSsl_VerifiesADownloadedNoteSignature_AgainstThePublishedRoot_AndRefusesAChangedByte()
    {
        var clerk = await app.ApiClientAsync("RJ100012");   // ASO, DoIT&C
        await clerk.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin));
        var noteId = await GreenNoteAsync(clerk, "टिप्पणी: सर्वर कक्ष का वातानुकूलन बदला जाए।");
        await ReadAsync<NoteSignatureView>(await clerk.PostAsJsonAsync($"/api/notes/{noteId}/sign", new SignNoteCommand(Pin)));

        var dir = Directory.CreateTempSubdirectory("daftar-note-").FullName;
        var anonymous = app.CreateClient();
        var root = X509CertificateLoader.LoadCertificate(await anonymous.GetByteArrayAsync("/pki/root.crt"));
        var ca = X509CertificateLoader.LoadCertificate(await anonymous.GetByteArrayAsync("/pki/ca/DOIT.crt"));
        File.WriteAllText(Path.Combine(dir, "root.pem"), root.ExportCertificatePem() + "\n");
        var caCrl = await anonymous.GetByteArrayAsync("/pki/crl/DOIT.crl");
        var rootCrl = await anonymous.GetByteArrayAsync("/pki/crl/root.crl");
        File.WriteAllText(Path.Combine(dir, "crls.pem"), root.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n"
            + PemEncoding.WriteString("X509 CRL", caCrl) + "\n" + PemEncoding.WriteString("X509 CRL", rootCrl) + "\n");
        var content = await clerk.GetByteArrayAsync($"/api/notes/{noteId}/signature/content");
        File.WriteAllBytes(Path.Combine(dir, "note.txt"), content);
        File.WriteAllBytes(Path.Combine(dir, "note.p7s"), await clerk.GetByteArrayAsync($"/api/notes/{noteId}/signature/cms"));
        Assert.Contains("सर्वर कक्ष", System.Text.Encoding.UTF8.GetString(content));

        var ok = OpenSsl.Run(dir, "cms -verify -binary -inform DER -in note.p7s -content note.txt -CAfile crls.pem -crl_check -out /dev/null");
        Assert.True(ok.Code == 0, ok.Output);

        // The timestamp inside the downloaded signature, checked by openssl ts over the signature value it covers.
        var cms = new System.Security.Cryptography.Pkcs.SignedCms();
        cms.Decode(File.ReadAllBytes(Path.Combine(dir, "note.p7s")));
        var info = cms.SignerInfos[0];
        File.WriteAllBytes(Path.Combine(dir, "token.der"), info.UnsignedAttributes.Cast<CryptographicAttributeObject>()
            .Single(a => a.Oid.Value == KeySigner.TimestampTokenOid).Values[0].RawData);
        File.WriteAllBytes(Path.Combine(dir, "value.bin"), info.GetSignature());
        var ts = OpenSsl.Run(dir, "ts -verify -token_in -in token.der -data value.bin -CAfile root.pem");
        Assert.True(ts.Code == 0, ts.Output);
        // A new installation's timestamp authority signs with ECDSA P-256, the cheapest strong key (ADR 0014).
        Assert.True(System.Security.Cryptography.Pkcs.Rfc3161TimestampToken.TryDecode(File.ReadAllBytes(Path.Combine(dir, "token.der")), out var token, out _));
        Assert.True(token!.VerifySignatureForSignerInfo(info, out var tsaCertificate));
        Assert.Equal(256, tsaCertificate!.GetECDsaPublicKey()?.KeySize);
        File.WriteAllBytes(Path.Combine(dir, "value.bin"), [.. info.GetSignature().Select((b, i) => i == 0 ? (byte)(b ^ 1) : b)]);
        Assert.NotEqual(0, OpenSsl.Run(dir, "ts -verify -token_in -in token.der -data value.bin -CAfile root.pem").Code);

        // Enrolment and signing are in the audit trail, without keys or certificates in it.
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.ObjectType == "note" && e.ObjectId == noteId.ToString()).Select(e => e.Action + " " + e.Summary).ToListAsync());
        Assert.Contains(audit, a => a.StartsWith("NoteSignature.Added"));
        Assert.DoesNotContain(audit, a => a.Contains("Cms") || a.Contains("System.Byte"));
        content[^3] ^= 1;
        File.WriteAllBytes(Path.Combine(dir, "note.txt"), content);
        Assert.NotEqual(0, OpenSsl.Run(dir, "cms -verify -binary -inform DER -in note.p7s -content note.txt -CAfile root.pem -out /dev/null").Code);
    }

    [Fact]
    public async Task PublicPki_ServesCertificatesCrlsAndTheTsa_WithoutSignIn()
    {
        var anonymous = app.CreateClient();
        var root = X509CertificateLoader.LoadCertificate(await anonymous.GetByteArrayAsync("/pki/root.crt"));
        Assert.Equal(root.Subject, root.Issuer);
        var ca = X509CertificateLoader.LoadCertificate(await anonymous.GetByteArrayAsync("/pki/ca/doit.crt"));
        Assert.Equal(root.Subject, ca.Issuer);
        Assert.True(RevocationList.Parse(await anonymous.GetByteArrayAsync("/pki/crl/DOIT.crl")).IsSignedBy(ca));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/pki/ca/NOPE.crt")).StatusCode);
        var page = await anonymous.GetStringAsync("/pki");
        Assert.Contains("/pki/crl/DOIT.crl", page);

        // An RFC 3161 request from openssl, answered by /pki/tsa, verified by openssl against the published root.
        var dir = Directory.CreateTempSubdirectory("daftar-tsa-").FullName;
        File.WriteAllText(Path.Combine(dir, "order.txt"), "Office order 17/2026");
        File.WriteAllText(Path.Combine(dir, "root.pem"), root.ExportCertificatePem() + "\n");
        Assert.Equal(0, OpenSsl.Run(dir, "ts -query -data order.txt -sha256 -cert -out request.tsq").Code);
        var reply = await anonymous.PostAsync("/pki/tsa", new ByteArrayContent(File.ReadAllBytes(Path.Combine(dir, "request.tsq")))
        { Headers = { ContentType = new("application/timestamp-query") } });
        Assert.Equal("application/timestamp-reply", reply.Content.Headers.ContentType?.MediaType);
        File.WriteAllBytes(Path.Combine(dir, "reply.tsr"), await reply.Content.ReadAsByteArrayAsync());
        var verified = OpenSsl.Run(dir, "ts -verify -in reply.tsr -queryfile request.tsq -CAfile root.pem");
        Assert.True(verified.Code == 0, verified.Output);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await anonymous.PostAsync("/pki/tsa", new StringContent("x"))).StatusCode);
    }

    [Fact]
    public async Task OutsideDsc_IsRefusedWithAReason_WhenItsCaIsNotTrusted()
    {
        var clerk = await app.ApiClientAsync("RJ100015");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Deepak Soni, O=Some Licensed CA customer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = selfSigned.Export(X509ContentType.Pkcs12, "secret");
        var form = new MultipartFormDataContent { { new ByteArrayContent(pfx), "file", "dsc.p12" }, { new StringContent("secret"), "password" }, { new StringContent(Pin), "pin" } };
        var refused = await clerk.PostAsync("/api/signing/external", form);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("does not chain to a certifying authority", await refused.Content.ReadAsStringAsync());
        // In Hindi the whole reason is Hindi, the part that comes from the certificate check too.
        var hindi = new HttpRequestMessage(HttpMethod.Post, "/api/signing/external")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(pfx), "file", "dsc.p12" }, { new StringContent("secret"), "password" }, { new StringContent(Pin), "pin" } },
        };
        hindi.Headers.AcceptLanguage.ParseAdd("hi");
        var detail = System.Text.Json.JsonDocument.Parse(await (await clerk.SendAsync(hindi)).Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.DoesNotMatch(@"[A-Za-z]{3,}", detail.Replace("DSC", "", StringComparison.Ordinal));

        var wrongPassword = new MultipartFormDataContent { { new ByteArrayContent(pfx), "file", "dsc.p12" }, { new StringContent("nope"), "password" }, { new StringContent(Pin), "pin" } };
        Assert.Contains("password is wrong", await (await clerk.PostAsync("/api/signing/external", wrongPassword)).Content.ReadAsStringAsync());
        Assert.False((await ReadAsync<SigningStatus>(await clerk.GetAsync("/api/signing"))).Enrolled);
    }

    [Fact]
    public async Task AFilesSignaturePolicy_KeepsItUntilTheNotesAreSigned()
    {
        var clerk = await app.ApiClientAsync("RJ100004");   // SO, GAD GR-1
        var created = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Transfer policy 2027", 1, null, SignNotesAtLevel: 20));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var fileId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("x", 1, null, SignNotesAtLevel: 99))).StatusCode);
        var to = await app.PostIdAsync("DS-GAD");

        var saved = await clerk.PostAsJsonAsync($"/api/files/{fileId}/notes", new SaveNoteCommand("Draft policy placed below."));
        var noteId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var refused = await clerk.PostAsJsonAsync($"/api/files/{fileId}/send", new SendFileCommand(to, null));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("sign_before_sending", await refused.Content.ReadAsStringAsync());
        await clerk.PostAsync($"/api/notes/{noteId}/confirm", null);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsJsonAsync($"/api/files/{fileId}/send", new SendFileCommand(to, null))).StatusCode);

        await clerk.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand(Pin, Pin));
        Assert.True((await clerk.PostAsJsonAsync($"/api/notes/{noteId}/sign", new SignNoteCommand(Pin))).IsSuccessStatusCode);
        await clerk.SendFileAsync(fileId, to);
    }
}
