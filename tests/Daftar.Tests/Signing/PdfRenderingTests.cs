using System.Diagnostics;
using Daftar.Signing;
using Daftar.Tests.Infrastructure;

namespace Daftar.Tests.Signing;

/// <summary>
/// Chromium renders letters: Devanagari shaped and extractable (pdftotext reads the Hindi subject back), scripts and
/// remote resources inert, and the result signable by the incremental signer.
/// </summary>
[Trait(TestTraits.Database, TestTraits.None)]
public class PdfRenderingTests : IAsyncLifetime
{
    private readonly PdfRenderer _renderer = new(PdfRenderer.FindChromium());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _renderer.DisposeAsync();

    [Fact]
    public async Task HindiLetter_IsShapedAndExtractable_ScriptsAreInert_AndTheResultSigns()
    {
        Assert.True(_renderer.IsAvailable, "Chromium is needed: " + PdfRenderer.InstallHint);
        const string subject = "विषय: वर्क फ्रॉम होम हेतु लैपटॉप का आवंटन";
        var html = $$"""
            <!doctype html><html lang="hi"><head><meta charset="utf-8">
            <style>body { font-family: 'Noto Sans Devanagari', 'Lohit Devanagari', sans-serif; }</style></head>
            <body><h1>{{subject}}</h1><p>कार्यालय आदेश क्रमांक 12</p>
            <script>document.body.innerHTML = 'SCRIPT RAN';</script>
            <img src="http://127.0.0.1:9/tracker.png" alt="">
            <p onclick="alert(1)">अंतिम पंक्ति</p></body></html>
            """;
        var pdf = await _renderer.RenderAsync(html, CancellationToken.None);
        var text = Tools.PdfToText(pdf);
        Assert.Contains(subject, text);
        Assert.Contains("अंतिम पंक्ति", text);
        Assert.DoesNotContain("SCRIPT RAN", text);

        var pki = new TestPki();
        var signed = PdfSigner.Sign(pdf, pki.SignerFor(pki.Rsa), new("Priyanka Sharma", "Section Officer", "DoIT&C"), DateTimeOffset.UtcNow);
        Assert.True(Assert.Single(PdfVerifier.Verify(signed, pki.Trust(pki.Crl()))).Valid);

        // The warm browser renders the next letters without starting again.
        var watch = Stopwatch.StartNew();
        var many = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _renderer.RenderAsync(html.Replace("12", i.ToString()), CancellationToken.None)));
        Assert.All(many, p => Assert.Contains(subject, Tools.PdfToText(p)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task HindiSignatureBlocks_DrawnByChromium_KeepEverySignatureValid_ForDaftarPdfsigAndQpdf()
    {
        Assert.True(_renderer.IsAvailable, "Chromium is needed: " + PdfRenderer.InstallHint);
        var letter = await _renderer.RenderAsync("""
            <!doctype html><html lang="hi"><head><meta charset="utf-8"></head>
            <body><h1>कार्यालय आदेश</h1><p>घर से कार्य हेतु लैपटॉप का आवंटन</p></body></html>
            """, CancellationToken.None);
        static string Block(string designation) => $"""
            <!doctype html><html lang="hi"><head><meta charset="utf-8"></head>
            <body style="margin:0;font-size:6pt"><p>डिजिटल हस्ताक्षरकर्ता</p><p>{designation}</p><p>सूचना प्रौद्योगिकी एवं संचार विभाग</p></body></html>
            """;
        var pki = new TestPki();
        var signed = letter;
        foreach (var (key, designation) in new[] { (pki.Rsa, "अनुभागाधिकारी"), (pki.Ec, "उप शासन सचिव") })
        {
            var block = await _renderer.RenderBlockAsync(Block(designation), PdfSigner.BlockWidth, PdfSigner.BlockHeight, CancellationToken.None);
            signed = PdfSigner.Sign(signed, pki.SignerFor(key), new("Priyanka Sharma", "Section Officer", "DoIT&C", Block: block), DateTimeOffset.UtcNow);
        }

        var reports = PdfVerifier.Verify(signed, pki.Trust(pki.Crl()));
        Assert.Equal(2, reports.Count);
        Assert.All(reports, r => Assert.True(r.Valid, r.Problem ?? r.Check.Problem));
        var dir = Directory.CreateTempSubdirectory("daftar-block-").FullName;
        try
        {
            var file = Path.Combine(dir, "order.pdf");
            await File.WriteAllBytesAsync(file, signed);
            var qpdf = Tools.Run("qpdf", "--check", file);
            Assert.True(qpdf.Code == 0, qpdf.Output + qpdf.Errors);
            var pdfsig = Tools.Run("pdfsig", file);
            Assert.Equal(2, pdfsig.Output.Split("Signature Validation: Signature is Valid.").Length - 1);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        var text = Tools.PdfToText(signed);
        Assert.Contains("उप शासन सचिव", text);
        Assert.Contains("सूचना प्रौद्योगिकी एवं संचार विभाग", text);
    }
}
