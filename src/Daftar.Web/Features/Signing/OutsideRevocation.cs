using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Daftar.Signing;

namespace Daftar.Web.Features.Signing;

/// <summary>
/// The current CRL of a licensed CA whose DSC an employee registers: from the trust anchors folder, or fetched from the
/// CRL distribution point the certificate names (kept in the data folder, where <see cref="Pki.OutsideCrls"/> reads it
/// with the anchors'). Without one, every signature with that DSC would show "revocation could not be checked".
/// </summary>
public sealed class OutsideRevocation(SigningSettings settings, IHttpClientFactory clients, TimeProvider clock, ILogger<OutsideRevocation> logger)
{
    public const string HttpClientName = "crl";
    private const int MaxCrlBytes = 10 * 1024 * 1024;

    public sealed record Found(RevocationList? Crl, IReadOnlyList<string> Tried);

    public async Task<Found> CurrentCrlAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (Pki.OutsideCrls(settings).FirstOrDefault(c => IsCurrent(c, issuer, now)) is { } known) return new(known, []);
        var tried = new List<string>();
        foreach (var url in DistributionPoints(certificate).Where(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            tried.Add(url);
            try
            {
                var client = clients.CreateClient(HttpClientName);
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
                if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxCrlBytes) continue;
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                using var memory = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, ct)) > 0)
                {
                    memory.Write(buffer, 0, read);
                    if (memory.Length > MaxCrlBytes) break;
                }
                if (memory.Length > MaxCrlBytes) continue;
                var crl = RevocationList.Parse(memory.ToArray());
                if (!IsCurrent(crl, issuer, now)) continue;
                Directory.CreateDirectory(settings.FetchedCrlsPath);
                var path = Path.Combine(settings.FetchedCrlsPath, issuer.Thumbprint + ".crl");
                await File.WriteAllBytesAsync(path + ".tmp", crl.Der, ct);
                File.Move(path + ".tmp", path, overwrite: true);
                return new(crl, tried);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Security.Cryptography.CryptographicException or AsnContentException or IOException)
            {
                logger.LogWarning("Fetching the CRL of an outside CA from its distribution point failed: {Reason}", ex.GetType().Name);
            }
        }
        return new(null, tried);
    }

    private static bool IsCurrent(RevocationList crl, X509Certificate2 issuer, DateTimeOffset now) =>
        crl.IsSignedBy(issuer) && crl.ThisUpdate <= now.AddMinutes(5) && (crl.NextUpdate is null || crl.NextUpdate >= now);

    /// <summary>The URIs of the certificate's CRL distribution points (RFC 5280 4.2.1.13), full names only.</summary>
    public static IReadOnlyList<string> DistributionPoints(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions["2.5.29.31"];
        if (extension is null) return [];
        var urls = new List<string>();
        try
        {
            var points = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (points.HasData)
            {
                var point = points.ReadSequence();
                if (!point.HasData || point.PeekTag() != new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)) continue;
                var name = point.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
                if (!name.HasData || name.PeekTag() != new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)) continue;
                var fullName = name.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
                while (fullName.HasData)
                {
                    var tag = fullName.PeekTag();
                    if (tag == new Asn1Tag(TagClass.ContextSpecific, 6)) urls.Add(fullName.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                    else fullName.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            // A malformed extension names no distribution point.
        }
        return urls;
    }
}
