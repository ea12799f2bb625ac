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

    /// <summary>A DSC issued by the licensed CA, with its key, as a password-protected PKCS#12 file.</summary>
    public (byte[] Pfx, X509Certificate2 Certificate) IssueDsc(string name)
    {
        using var caKey = Certificates.LoadPrivateKey(LicensedCa.Pkcs8PrivateKey);
        var issued = Certificates.IssueSigningCertificate(LicensedCa.Certificate, caKey, new PublicationPoints("http://ca.example/crl", "http://ca.example/ca.crt"),
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
}
