using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Daftar.Signing;
using HdrHistogram;

namespace Daftar.Load;

/// <summary>
/// The signing limit of this machine and how close Daftar's note signature comes to it, on N threads for the given
/// seconds: OpenSSL's raw signing rate for the officer's key (<c>openssl speed -multi N</c>), .NET's raw rate for the
/// same key, Daftar's note signature (<see cref="KeySigner.SignDetached"/>: the officer's CMS signature with
/// signing-certificate-v2 and the RFC 3161 timestamp of Daftar's timestamp authority, whose key is the given one),
/// and the verification Daftar runs when a signature is shown. Each is reported as signatures per second, with
/// percentiles, and as a share of OpenSSL's rate.
/// <para>The machine's speed drifts by a quarter from minute to minute (other work on shared cores), and a rate measured
/// a minute after its limit carries that drift into the ratio. So the three signing rates are measured in rounds, each
/// round OpenSSL then .NET then the note one after the other, and the ratio reported is the median of the rounds'.</para>
/// </summary>
public static class SignLimit
{
    public sealed record Result(double OpenSsl, double DotNet, double Note, double Verify);

    public static Result Run(double seconds, int threads, KeyAlgorithm userKey, KeyAlgorithm tsaKey, TextWriter output)
    {
        using var pki = new BenchPki(userKey, tsaKey);
        var (key, signer, trust) = (pki.OfficerKey, pki.Signer, pki.Trust);

        // A note of a usual length (about 900 characters of Hindi and English), as Daftar's canonical content.
        var text = string.Concat(Enumerable.Repeat("प्रस्तावित लैपटॉप क्रय हेतु वित्तीय स्वीकृति का प्रारूप संलग्न है, कृपया अनुमोदन हेतु प्रस्तुत। Draft sanction placed below for approval. ", 7));
        var content = Encoding.UTF8.GetBytes("Daftar note signature v1\nFile number: F.12(3)/DOIT/GR-1/2026\nComputer number: 1234567\nNote number: 4\n"
            + "Author post: DOIT-DS-1\nConfirmed at: 2026-11-25T10:00:00Z\nText:\n" + text);
        var hash = SHA256.HashData(content);
        var signature = signer.SignDetached(content);
        if (SignatureVerifier.VerifyDetached(content, signature, trust) is { Valid: false } check) throw new InvalidOperationException("The bench signature does not verify: " + check.Problem);

        var rounds = new List<(double OpenSsl, double Raw, double Note)>();
        for (var round = 1; round <= Rounds; round++)
        {
            var openssl = OpenSslRate(userKey, threads, Math.Clamp((int)Math.Ceiling(seconds), 1, 3));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: openssl speed {OpenSslName(userKey)} -multi {threads}: {openssl,9:0}/s   (the limit; officer key {userKey}, timestamp key {tsaKey})"));
            var raw = Measure(".NET raw signature", seconds, threads, () => Sign(key, hash), openssl, output);
            var note = Measure("note signature (CMS+TSA)", seconds, threads, () => signer.SignDetached(content), openssl, output);
            rounds.Add((openssl, raw, note));
        }
        double MedianOf(Func<(double OpenSsl, double Raw, double Note), double> value) => Median(rounds.Select(value));
        var (limit, bare, noted) = (MedianOf(r => r.OpenSsl), MedianOf(r => r.Raw), MedianOf(r => r.Note));
        var verify = Measure("verify a note signature", seconds, threads,
            () => SignatureVerifier.VerifyDetached(content, signature, trust).Valid ? signature : throw new InvalidOperationException("invalid"), limit, output);
        var remembered = trust with { Signatures = new SignatureCache() };
        Measure("verify again (read before)", seconds, threads,
            () => SignatureVerifier.VerifyDetached(content, signature, remembered).Valid ? signature : throw new InvalidOperationException("invalid"), limit, output);
        var shares = string.Join(", ", rounds.Select(r => (r.Note / r.OpenSsl).ToString("P0", CultureInfo.InvariantCulture)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"note signing = {MedianOf(r => r.Note / r.OpenSsl):P0} of OpenSSL's raw rate, {MedianOf(r => r.Note / r.Raw):P0} of .NET's; .NET's bare signature {MedianOf(r => r.Raw / r.OpenSsl):P0} of OpenSSL's (medians of {Rounds} rounds; the note's share in each: {shares})"));
        return new Result(limit, bare, noted, verify);
    }

    private const int Rounds = 3;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static byte[] Sign(AsymmetricAlgorithm key, byte[] hash) => key switch
    {
        RSA rsa => rsa.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ec => ec.SignHash(hash),
        _ => throw new NotSupportedException(),
    };

    private static string OpenSslName(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => "rsa2048",
        KeyAlgorithm.Rsa3072 => "rsa3072",
        _ => "ecdsap256",
    };

    /// <summary>Signatures per second from <c>openssl speed</c>, all threads together.</summary>
    private static double OpenSslRate(KeyAlgorithm algorithm, int threads, int seconds)
    {
        var start = new ProcessStartInfo("openssl", $"speed -seconds {seconds} -multi {threads} {OpenSslName(algorithm)}") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        // The summary line: "rsa 2048 bits 0.000213s 0.000006s 4690.4 155000.0" or "256 bits ecdsa (nistp256) 0.0000s 0.0001s 41000.0 14000.0".
        var line = output.Split('\n').LastOrDefault(l => l.Contains("bits") && l.TrimEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4
            && double.TryParse(l.TrimEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            ?? throw new InvalidOperationException("openssl speed gave no summary:\n" + output);
        return double.Parse(line.TrimEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2], CultureInfo.InvariantCulture);
    }

    private static double Measure(string name, double seconds, int threads, Func<byte[]> work, double limit, TextWriter output)
    {
        for (var i = 0; i < 50; i++) work();
        var histogram = new LongHistogram(TimeStamp.Seconds(10), 3);
        var count = 0;
        var watch = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            var local = new LongHistogram(TimeStamp.Seconds(10), 3);
            var n = 0;
            do
            {
                var start = Stopwatch.GetTimestamp();
                work();
                local.RecordValue(Stopwatch.GetTimestamp() - start);
                n++;
            }
            while (watch.Elapsed < end);   // at least once, even when the thread starts late on a busy machine
            lock (histogram) histogram.Add(local);
            Interlocked.Add(ref count, n);
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        var rate = count / watch.Elapsed.TotalSeconds;
        double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-26} {rate,9:0}/s  p50 {Ms(50),6:0.00} ms  p95 {Ms(95),6:0.00} ms  p99 {Ms(99),6:0.00} ms  {rate / limit,5:P0} of OpenSSL"));
        return rate;
    }
}
