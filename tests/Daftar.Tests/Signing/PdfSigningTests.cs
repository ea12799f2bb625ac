using System.Diagnostics;
using System.Text;
using Daftar.Signing;
using Daftar.Tests.Infrastructure;
using Daftar.Tests.Security;

namespace Daftar.Tests.Signing;

/// <summary>
/// Incremental PAdES signing: three officers sign one PDF and every signature stays valid — for Daftar's verifier and
/// for poppler's pdfsig (with Daftar's root trusted in an NSS database); qpdf finds the file sound; one flipped byte, a
/// change after signing and a certificate revoked before signing are each caught.
/// </summary>
[Trait(TestTraits.Database, TestTraits.None)]
public class PdfSigningTests : IDisposable
{
    private static readonly TestPki Pki = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("daftar-pades-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly PdfSignatureRequest[] Officers =
    [
        new("Priyanka Sharma", "Section Officer", "DoIT&C, Government of Rajasthan"),
        new("Anita Choudhary", "Deputy Secretary", "DoIT&C, Government of Rajasthan", Reason: "उप शासन सचिव"),
        new("Rajesh Meena", "Joint Secretary", "DoIT&C, Government of Rajasthan"),
    ];

    private static byte[] SignedByThree(byte[] pdf)
    {
        var signers = new[] { Pki.Rsa, Pki.Ec, Pki.Third };
        for (var i = 0; i < 3; i++) pdf = PdfSigner.Sign(pdf, Pki.SignerFor(signers[i]), Officers[i], DateTimeOffset.UtcNow);
        return pdf;
    }

    /// <summary>An NSS database trusting Daftar's test root, for pdfsig.</summary>
    private string NssDatabase()
    {
        var db = Path.Combine(_dir, "nss");
        Directory.CreateDirectory(db);
        Assert.Equal(0, Tools.Run("certutil", "-N", "-d", "sql:" + db, "--empty-password").Code);
        var root = Path.Combine(_dir, "root.crt");
        File.WriteAllBytes(root, Pki.Root.Certificate.RawData);
        var added = Tools.Run("certutil", "-A", "-d", "sql:" + db, "-n", "daftar-root", "-t", "CT,C,C", "-i", root);
        Assert.True(added.Code == 0, added.Output + added.Errors);
        return "sql:" + db;
    }

    [Fact]
    public void ThreeSigners_EveryEarlierSignatureStaysValid_ForDaftarPdfsigAndQpdf()
    {
        var signed = SignedByThree(TestPdf.Pages(2, "Office order"));
        var reports = PdfVerifier.Verify(signed, Pki.Trust(Pki.Crl()));
        Assert.Equal(3, reports.Count);
        Assert.All(reports, r => Assert.True(r.Valid, r.Problem ?? r.Check.Problem));
        Assert.Equal(["Priyanka Sharma", "Anita Choudhary", "Rajesh Meena"], reports.Select(r => r.SignerName));
        Assert.Equal("उप शासन सचिव", reports[1].Designation);
        Assert.Equal([false, false, true], reports.Select(r => r.CoversWholeDocument));
        Assert.All(reports, r => Assert.True(r.Check.Timestamped));

        var file = Path.Combine(_dir, "order.pdf");
        File.WriteAllBytes(file, signed);
        var pdfsig = Tools.Run("pdfsig", "-nssdir", NssDatabase(), file);
        Assert.Equal(3, Count(pdfsig.Output, "Signature Validation: Signature is Valid."));
        Assert.Equal(3, Count(pdfsig.Output, "Certificate Validation: Certificate is Trusted."));
        Assert.Contains("ETSI.CAdES.detached", pdfsig.Output);
        Assert.Contains("Total document signed", pdfsig.Output);
        var qpdf = Tools.Run("qpdf", "--check", file);
        Assert.True(qpdf.Code == 0, qpdf.Output + qpdf.Errors);
        Assert.Contains("No syntax or stream encoding errors found", qpdf.Output);
    }

    [Fact]
    public void OneFlippedByte_IsCaughtByDaftarAndPdfsig()
    {
        var signed = SignedByThree(TestPdf.Pages(1, "Minutes of the review meeting"));
        var text = Encoding.Latin1.GetString(signed);
        var at = text.IndexOf("Minutes of the review meeting", StringComparison.Ordinal);
        signed[at] ^= 0x01;   // inside the first revision: every signature covers it
        var reports = PdfVerifier.Verify(signed, Pki.Trust(Pki.Crl()));
        Assert.Equal(3, reports.Count);
        Assert.All(reports, r => Assert.Equal("changed", r.Check.ProblemCode));

        var file = Path.Combine(_dir, "flipped.pdf");
        File.WriteAllBytes(file, signed);
        var pdfsig = Tools.Run("pdfsig", "-nssdir", NssDatabase(), file);
        Assert.Equal(3, Count(pdfsig.Output, "Digest Mismatch"));
        Assert.Equal(0, Count(pdfsig.Output, "Signature is Valid"));
    }

    [Fact]
    public void ChangeAfterSigning_OtherThanASignature_IsReportedForTheEarlierSignatures()
    {
        var signed = PdfSigner.Sign(TestPdf.Pages(1, "Order"), Pki.SignerFor(Pki.Rsa), Officers[0], DateTimeOffset.UtcNow);
        // Someone appends a revision that replaces the page's content: the signature's own bytes still verify, but the
        // document shown is no longer the one signed.
        var structure = PdfStructure.Read(signed);
        var page = structure.Pages()[0];
        var contentNumber = PdfStructure.Ref(PdfStructure.Value(structure.DictionaryOf(page.Number), "Contents"))!.Value.Number;
        const string forged = "BT /F1 12 Tf 72 720 Td (Order cancelled) Tj ET";
        var appended = $"{contentNumber} 0 obj\n<< /Length {forged.Length} >>\nstream\n{forged}\nendstream\nendobj\n";
        var offset = signed.Length;
        var xrefAt = offset + appended.Length;
        var tail = appended + $"xref\n{contentNumber} 1\n{offset:D10} 00000 n \ntrailer\n<< /Size {structure.Size} /Root {structure.Root} /Prev {structure.LastXref} >>\nstartxref\n{xrefAt}\n%%EOF\n";
        var changed = signed.Concat(Encoding.Latin1.GetBytes(tail)).ToArray();

        var report = Assert.Single(PdfVerifier.Verify(changed, Pki.Trust(Pki.Crl())));
        Assert.True(report.Check.Valid);          // the signed bytes themselves are intact …
        Assert.True(report.ChangedAfterSigning);  // … but the document was changed after them
        Assert.False(report.Valid);
    }

    [Fact]
    public void CertificateRevokedBeforeSigning_IsCaughtByDaftar()
    {
        var signed = PdfSigner.Sign(TestPdf.Pages(1, "Order"), Pki.SignerFor(Pki.Third), Officers[2], DateTimeOffset.UtcNow);
        var crl = Pki.Crl(new RevokedEntry(Certificates.SerialHex(Pki.Third.Certificate), DateTimeOffset.UtcNow.AddHours(-1), System.Security.Cryptography.X509Certificates.X509RevocationReason.KeyCompromise));
        var report = Assert.Single(PdfVerifier.Verify(signed, Pki.Trust(crl)));
        Assert.False(report.Valid);
        Assert.Equal("revoked", report.Check.ProblemCode);
    }

    [Fact]
    public void PdfsItCannotHandle_AreRefusedWithAReason()
    {
        var (_, withXrefStream) = Fuzz.ScriptedPdfs().Single(p => p.Name.Contains("object stream"));
        var refused = Assert.Throws<UnsupportedPdfException>(() => PdfSigner.Sign(withXrefStream, Pki.SignerFor(Pki.Rsa), Officers[0], DateTimeOffset.UtcNow));
        Assert.Contains("cross-reference stream", refused.Message);
        Assert.Throws<UnsupportedPdfException>(() => PdfSigner.Sign(TestPdf.Pages(1)[..200], Pki.SignerFor(Pki.Rsa), Officers[0], DateTimeOffset.UtcNow));
        Assert.Empty(PdfVerifier.Verify(TestPdf.Pages(1), Pki.Trust(Pki.Crl())));
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "").Length) / what.Length;
}
