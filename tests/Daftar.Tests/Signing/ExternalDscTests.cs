using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Daftar.Signing;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Signing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Daftar.Tests.Signing;

/// <summary>A licensed CA outside Daftar (its certificate and CRL in Signing:TrustAnchors) whose DSC an employee registers and signs with.</summary>
public sealed class ExternalCaFactory : DaftarFactory
{
    public string AnchorFolder { get; } = Directory.CreateTempSubdirectory("daftar-anchors-").FullName;
    public IssuedCertificate LicensedCa { get; } = Certificates.CreateRoot("Licensed CA 2026", "Some Licensed CA Ltd", DateTimeOffset.UtcNow);

    public ExternalCaFactory()
    {
        File.WriteAllText(Path.Combine(AnchorFolder, "licensed-ca.pem"), LicensedCa.Certificate.ExportCertificatePem());
        PublishCrl();
    }

    /// <summary>The licensed CA's CRL, as the installation's job would fetch it into the anchors folder.</summary>
    public void PublishCrl(params RevokedEntry[] revoked)
    {
        using var key = Certificates.LoadPrivateKey(LicensedCa.Pkcs8PrivateKey);
        File.WriteAllBytes(Path.Combine(AnchorFolder, "licensed-ca.crl"),
            RevocationList.Build(LicensedCa.Certificate, key, revoked, DateTime.UtcNow.Ticks, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7)));
    }

    /// <summary>A DSC issued by the licensed CA (or another), with its key, as a password-protected PKCS#12 file.</summary>
    public (byte[] Pfx, X509Certificate2 Certificate) IssueDsc(string name, IssuedCertificate? ca = null, string crlUrl = "http://ca.example/crl")
    {
        ca ??= LicensedCa;
        using var caKey = Certificates.LoadPrivateKey(ca.Pkcs8PrivateKey);
        var issued = Certificates.IssueSigningCertificate(ca.Certificate, caKey, new PublicationPoints(crlUrl, "http://ca.example/ca.crt"),
            name, "Government of Rajasthan", null, null, null, KeyAlgorithm.EcdsaP256, DateTimeOffset.UtcNow);
        using var key = Certificates.LoadPrivateKey(issued.Pkcs8PrivateKey);
        using var withKey = Certificates.WithKey(issued.Certificate, key);
        return (withKey.Export(X509ContentType.Pkcs12, "token-password"), issued.Certificate);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Signing:TrustAnchors", AnchorFolder);
    }
}

public class ExternalDscTests(ExternalCaFactory app) : IClassFixture<ExternalCaFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task ADscFromATrustedLicensedCa_IsRegistered_SignsNotes_AndItsRevocationIsHonoured()
    {
        var officer = await app.ApiClientAsync("RJ100003");   // Deputy Secretary, GAD
        var (pfx, certificate) = app.IssueDsc("Rajendra Prasad Meena");
        var form = new MultipartFormDataContent { { new ByteArrayContent(pfx), "file", "dsc.pfx" }, { new StringContent("token-password"), "password" }, { new StringContent("305729"), "pin" } };
        var registered = await officer.PostAsync("/api/signing/external", form);
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var status = (await officer.GetFromJsonAsync<SigningStatus>("/api/signing", Json))!;
        Assert.Equal(CredentialSource.External, status.Credential!.Source);
        Assert.Equal(Certificates.SerialHex(certificate), status.Credential.SerialHex);

        var created = await officer.PostAsJsonAsync("/api/files", new CreateFileCommand("Cabinet note on e-governance", 1, null));
        var fileId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var saved = await officer.PostAsJsonAsync($"/api/files/{fileId}/notes", new SaveNoteCommand("मंत्रिमंडल के समक्ष प्रस्तुत किया जाए।"));
        var noteId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await officer.PostAsync($"/api/notes/{noteId}/confirm", null);
        var signed = await officer.PostAsJsonAsync($"/api/notes/{noteId}/sign", new SignNoteCommand("305729"));
        var view = (await signed.Content.ReadFromJsonAsync<NoteSignatureView>(Json))!;
        Assert.True(view.Valid, view.Problem);
        Assert.Contains("Licensed CA 2026", view.CertificateIssuer);

        // The licensed CA revokes the DSC, back-dated to before the signature: Daftar now refuses the signature.
        app.PublishCrl(new RevokedEntry(Certificates.SerialHex(certificate), DateTimeOffset.UtcNow.AddHours(-1)));
        // Daftar rereads outside CRLs within Pki.TrustCacheSeconds; the test does not wait that long.
        app.Services.GetRequiredService<PkiKeyCache>().Trust = null;
        var after = (await officer.GetFromJsonAsync<NoteSignatureView>($"/api/notes/{noteId}/signature", Json))!;
        Assert.False(after.Valid);
        Assert.Equal("revoked", after.ProblemCode);
    }

    private static MultipartFormDataContent Pkcs12(byte[] pfx, string pin) =>
        new() { { new ByteArrayContent(pfx), "file", "dsc.pfx" }, { new StringContent("token-password"), "password" }, { new StringContent(pin), "pin" } };

    [Fact]
    public async Task ADscInAnotherName_WaitsForTheAdministrator_AndOneCertificateHasOneHolder()
    {
        var officer = await app.ApiClientAsync("RJ100004");
        var officerName = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Employees.Where(e => e.Code == "RJ100004").Select(e => e.NameEn)));
        var (pfx, certificate) = app.IssueDsc("Anita Sharma");
        var registered = await officer.PostAsync("/api/signing/external", Pkcs12(pfx, "305729"));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var answer = (await registered.Content.ReadFromJsonAsync<Registered>(Json))!;
        Assert.Equal((CredentialStatus.AwaitingApproval, "Anita Sharma"), (answer.Status, answer.CertificateName));

        // Waiting, it signs nothing, and the officer is told why.
        var status = (await officer.GetFromJsonAsync<SigningStatus>("/api/signing", Json))!;
        Assert.Equal(answer.Id, status.AwaitingApproval!.Id);
        var refused = await officer.PostAsJsonAsync("/api/signing/session", new PinCommand("305729"));
        Assert.Contains("awaiting_approval", await refused.Content.ReadAsStringAsync());

        // The same certificate registered by a second employee is refused, without naming the first.
        var second = await app.ApiClientAsync("RJ100005");
        var again = await second.PostAsync("/api/signing/external", Pkcs12(pfx, "305729"));
        var againText = await again.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("certificate_held_by_another", againText);
        Assert.DoesNotContain("RJ100004", againText);
        Assert.DoesNotContain(officerName, againText);

        // The administrator sees the rule and the certificate's name, approves it; the trail records who approved.
        var admin = await app.ApiClientAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/admin/pki/certificates/{answer.Id}/approve", null)).StatusCode);
        var adminId = await app.EmployeeIdAsync(Demo.Admin);
        Assert.True(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.AuditEvents,
            e => e.ObjectType == "signing-credential" && e.ObjectId == answer.Id.ToString() && e.ActorEmployeeId == adminId && e.Summary.Contains("AwaitingApproval → Active"))));
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync("/api/signing/session", new PinCommand("305729"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/admin/pki/certificates/{answer.Id}/approve", null)).StatusCode);
        var page = await DaftarFactory.PageAsync(await app.SignInAsync(Demo.Admin), "/People/Admin/Pki?Employee=RJ100004");
        Assert.Contains("same words in any order", page.QuerySelector("#name-rule")!.TextContent);
        Assert.Contains("Anita Sharma", page.QuerySelector("#credentials")!.TextContent);
        _ = certificate;
    }

    [Theory]
    [InlineData("RAJENDRA PRASAD MEENA", true)]
    [InlineData("Shri Meena Rajendra Prasad", true)]
    [InlineData("R. P. Meena", true)]
    [InlineData("राजेन्द्र प्रसाद मीणा", true)]
    [InlineData("R P M", false)]
    [InlineData("Rajendra Meena", false)]
    [InlineData("Anita Sharma", false)]
    public void TheNameRule_AcceptsTheEmployeesOwnNameInEitherScript(string certificateName, bool matches) =>
        Assert.Equal(matches, DscNameRule.Matches(certificateName, "Rajendra Prasad Meena", "राजेन्द्र प्रसाद मीणा"));

    [Fact]
    public async Task WithoutAReachableCrl_RegistrationIsRefused_AndTheDistributionPointIsFetchedWhenItAnswers()
    {
        var other = Certificates.CreateRoot("Second Licensed CA", "Another CA Ltd", DateTimeOffset.UtcNow);
        File.WriteAllText(Path.Combine(app.AnchorFolder, "second-ca.pem"), other.Certificate.ExportCertificatePem());
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        // Nobody answers at the distribution point: refused, with a reason that says what to do.
        var officer = await app.ApiClientAsync("RJ100006");
        var name = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Employees.Where(e => e.Code == "RJ100006").Select(e => e.NameEn)));
        var (unreachable, _) = app.IssueDsc(name, other, $"http://127.0.0.1:{port}/second.crl");
        var refused = await officer.PostAsync("/api/signing/external", Pkcs12(unreachable, "305729"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("revocation_unavailable", await refused.Content.ReadAsStringAsync());

        // The distribution point answers with the CA's current CRL: fetched, kept, and the DSC is registered.
        using var http = new HttpListener();
        http.Prefixes.Add($"http://127.0.0.1:{port}/");
        http.Start();
        using var caKey = Certificates.LoadPrivateKey(other.Pkcs8PrivateKey);
        var crl = RevocationList.Build(other.Certificate, caKey, [], 1, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7));
        var serving = Task.Run(async () =>
        {
            var context = await http.GetContextAsync();
            context.Response.ContentType = "application/pkix-crl";
            await context.Response.OutputStream.WriteAsync(crl);
            context.Response.Close();
        });
        var (reachable, _) = app.IssueDsc(name, other, $"http://127.0.0.1:{port}/second.crl");
        var registered = await officer.PostAsync("/api/signing/external", Pkcs12(reachable, "305729"));
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        await serving;
        Assert.Single(Directory.GetFiles(Path.Combine(app.DataPath, "pki", "outside-crls"), "*.crl"));
    }

    [Fact]
    public async Task AVerifier_SeesTheCertificatesName_AndRevocationNotChecked_AsItsOwnState()
    {
        // A PDF whose signature dictionary names someone else than the certificate does: the verifier shows the certificate.
        var unanchored = Certificates.CreateRoot("Third Licensed CA", "Third CA Ltd", DateTimeOffset.UtcNow);
        File.WriteAllText(Path.Combine(app.AnchorFolder, "third-ca.pem"), unanchored.Certificate.ExportCertificatePem());
        app.Services.GetRequiredService<PkiKeyCache>().Trust = null;
        using var caKey = Certificates.LoadPrivateKey(unanchored.Pkcs8PrivateKey);
        var issued = Certificates.IssueSigningCertificate(unanchored.Certificate, caKey, new PublicationPoints("http://127.0.0.1:9/none.crl", "http://127.0.0.1:9/ca.crt"),
            "Anita Sharma", "Government of Rajasthan", null, null, null, KeyAlgorithm.EcdsaP256, DateTimeOffset.UtcNow);
        using var key = Certificates.LoadPrivateKey(issued.Pkcs8PrivateKey);
        await using var scope = app.Services.CreateAsyncScope();
        var tsa = await scope.ServiceProvider.GetRequiredService<Pki>().TimestampAuthorityAsync(CancellationToken.None);
        var signer = new KeySigner(issued.Certificate, key, [unanchored.Certificate], tsa, TimeProvider.System);
        var pdf = PdfSigner.Sign(TestPdf.Pages(1, "Order"), signer, new PdfSignatureRequest("Someone Else", "Deputy Secretary", "GAD"), DateTimeOffset.UtcNow);

        var result = await scope.ServiceProvider.GetRequiredService<Daftar.Web.Features.Letters.LetterVerification>().CheckAsync(pdf, CancellationToken.None);
        var signature = Assert.Single(result.Signatures);
        Assert.Equal(("Anita Sharma", "Deputy Secretary"), (signature.Signer, signature.Designation));
        Assert.False(signature.Valid);
        Assert.True(signature.RevocationUnknown);
        Assert.True(result.RevocationUnknown);
        Assert.False(signature.ChangedAfter);

        // A byte changed inside the signed range: "changed after signing" says yes, as the problem does.
        var tampered = (byte[])pdf.Clone();
        var at = System.Text.Encoding.Latin1.GetString(tampered).IndexOf("Order", StringComparison.Ordinal);
        tampered[at] = (byte)'X';
        var broken = Assert.Single((await scope.ServiceProvider.GetRequiredService<Daftar.Web.Features.Letters.LetterVerification>().CheckAsync(tampered, CancellationToken.None)).Signatures);
        Assert.True(broken.ChangedAfter);
        Assert.False(broken.RevocationUnknown);
    }
}
