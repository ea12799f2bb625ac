using System.Diagnostics;
using System.Globalization;
using Daftar.Signing;
using HdrHistogram;

namespace Daftar.Load;

/// <summary>
/// The PDF limit of this machine: Chromium alone printing a Hindi letter (the warm browser, N tabs), then the same with
/// Daftar's incremental PAdES signature (RSA-2048 key, timestamp), each for the given seconds. Reported as letters per
/// second and latency percentiles, and the second as a share of the first.
/// </summary>
public static class PdfLimit
{
    private const string Letter = """
        <!doctype html><html lang="hi"><head><meta charset="utf-8"><style>
        body { font-family: 'Noto Sans Devanagari', 'Lohit Devanagari', sans-serif; font-size: 11.5pt; line-height: 1.5; }
        .head { text-align: center; border-bottom: 2px solid #1a3d7c; } .dept { font-size: 15pt; font-weight: bold; color: #1a3d7c; }
        </style></head><body>
        <div class="head"><div>राजस्थान सरकार</div><div class="dept">सूचना प्रौद्योगिकी एवं संचार विभाग</div><div>शासन सचिवालय, जयपुर</div></div>
        <p>क्रमांक: प.12(3)/सूप्रौसंवि/ग्रुप-1/2026/1234 &nbsp; दिनांक: 25.11.2026</p>
        <p>प्रति,<br>जिला कलेक्टर (समस्त), राजस्थान</p>
        <p><b>विषय: वर्क फ्रॉम होम हेतु लैपटॉप एवं डेटा कार्ड का आवंटन</b></p>
        <p>उपरोक्त विषयान्तर्गत लेख है कि राज्य सरकार द्वारा कार्मिकों को घर से कार्य करने हेतु आवश्यक उपकरण उपलब्ध कराए जाने का निर्णय लिया गया है।
        इस हेतु प्रत्येक जिले को 40 लैपटॉप एवं 60 डेटा कार्ड आवंटित किए जाते हैं। कृपया संलग्न सूची अनुसार वितरण सुनिश्चित करें।</p>
        <ul><li>लैपटॉप: 40</li><li>डेटा कार्ड: 60</li><li>प्रशिक्षण: 10 दिसम्बर तक</li></ul>
        <p style="margin-left:55%;text-align:center">(विक्रम सिंह शेखावत)<br>उप शासन सचिव</p>
        </body></html>
        """;

    public static async Task<int> RunAsync(double seconds, int tabs)
    {
        var chromium = PdfRenderer.FindChromium() ?? throw new InvalidOperationException(PdfRenderer.InstallHint);
        await using var renderer = new PdfRenderer(chromium, tabs);
        await renderer.RenderAsync(Letter, CancellationToken.None);   // start the browser outside the measurement

        using var pki = new BenchPki();   // an RSA-2048 officer, the timestamp key Daftar makes (ECDSA P-256)
        var signer = pki.Signer;
        var request = new PdfSignatureRequest("Bench Officer", "Deputy Secretary", "DoIT&C");

        var render = await MeasureAsync("Chromium alone (render)", seconds, tabs, () => renderer.RenderAsync(Letter, CancellationToken.None));
        var issue = await MeasureAsync("render + PAdES sign", seconds, tabs, async () => PdfSigner.Sign(await renderer.RenderAsync(Letter, CancellationToken.None), signer, request, DateTimeOffset.UtcNow));
        var pdf = await renderer.RenderAsync(Letter, CancellationToken.None);
        var sign = await MeasureAsync("PAdES sign alone", Math.Min(seconds, 5), tabs, () => Task.FromResult(PdfSigner.Sign(pdf, signer, request, DateTimeOffset.UtcNow)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"render + sign = {issue / render:P0} of Chromium alone ({tabs} tabs); signing alone {sign:0} PDFs/s"));
        return 0;
    }

    private static async Task<double> MeasureAsync(string name, double seconds, int workers, Func<Task<byte[]>> work)
    {
        var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
        var watch = Stopwatch.StartNew();
        var count = 0;
        long bytes = 0;
        var end = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (watch.Elapsed < end)
            {
                var start = Stopwatch.GetTimestamp();
                var pdf = await work();
                lock (histogram) histogram.RecordValue(Stopwatch.GetTimestamp() - start);
                Interlocked.Increment(ref count);
                Interlocked.Add(ref bytes, pdf.Length);
            }
        }));
        var rate = count / watch.Elapsed.TotalSeconds;
        double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-26} {rate,7:0.0}/s  p50 {Ms(50),6:0} ms  p95 {Ms(95),6:0} ms  p99 {Ms(99),6:0} ms  ({count} PDFs, {bytes / Math.Max(1, count) / 1024} KB each)"));
        return rate;
    }
}
