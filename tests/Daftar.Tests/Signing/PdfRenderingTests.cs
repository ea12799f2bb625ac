using System.Diagnostics;
using Daftar.Signing;
using Daftar.Tests.Infrastructure;

namespace Daftar.Tests.Signing;

/// <summary>
/// Chromium renders letters: Devanagari shaped and extractable (pdftotext reads the Hindi subject back), scripts and
/// remote resources inert, and the result signable by the incremental signer.
/// </summary>
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
}
