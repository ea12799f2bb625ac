using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Daftar.Signing;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<KeyAlgorithm>))]
public enum KeyAlgorithm { Rsa2048 = 1, Rsa3072 = 2, EcdsaP256 = 3 }

/// <summary>A certificate with its private key as PKCS#8 (to be protected before it is stored).</summary>
public sealed record IssuedCertificate(X509Certificate2 Certificate, byte[] Pkcs8PrivateKey);

/// <summary>Where a CA's certificate and CRL are published, written into the certificates it issues.</summary>
public sealed record PublicationPoints(string CrlUrl, string CaCertificateUrl);

/// <summary>
/// Daftar's certificate authority operations: a root per installation, an issuing CA per department, a timestamping
/// certificate, and employees' signing certificates with the key usages a document-signing certificate needs.
/// </summary>
public static class Certificates
{
    public const string DocumentSigning = "1.3.6.1.5.5.7.3.36";           // id-kp-documentSigning (RFC 9336)
    public const string MicrosoftDocumentSigning = "1.3.6.1.4.1.311.10.3.12";
    public const string EmailProtection = "1.3.6.1.5.5.7.3.4";
    public const string TimeStamping = "1.3.6.1.5.5.7.3.8";

    public static IssuedCertificate CreateRoot(string commonName, string organisation, DateTimeOffset now, int years = 20)
    {
        using var key = NewKey(KeyAlgorithm.Rsa3072);
        var request = Request(Name(commonName, organisation, null), key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(years));
        return new IssuedCertificate(X509CertificateLoader.LoadCertificate(certificate.RawData), key.ExportPkcs8PrivateKey());
    }

    public static IssuedCertificate CreateIssuingCa(X509Certificate2 root, AsymmetricAlgorithm rootKey, string commonName, string organisation,
        PublicationPoints rootPoints, DateTimeOffset now, int years = 10)
    {
        using var key = NewKey(KeyAlgorithm.Rsa3072);
        var request = Request(Name(commonName, organisation, null), key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        AddIssuerLinks(request, root, rootPoints);
        var notAfter = Min(now.AddYears(years), root.NotAfter);
        return new IssuedCertificate(Sign(request, root, rootKey, now, notAfter), key.ExportPkcs8PrivateKey());
    }

    public static IssuedCertificate CreateTimestamping(X509Certificate2 root, AsymmetricAlgorithm rootKey, string commonName, string organisation,
        PublicationPoints rootPoints, DateTimeOffset now, KeyAlgorithm algorithm = KeyAlgorithm.Rsa2048, int years = 10)
    {
        using var key = NewKey(algorithm);
        var request = Request(Name(commonName, organisation, null), key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(TimeStamping)], critical: true));
        AddIssuerLinks(request, root, rootPoints);
        var notAfter = Min(now.AddYears(years), root.NotAfter);
        return new IssuedCertificate(Sign(request, root, rootKey, now, notAfter), key.ExportPkcs8PrivateKey());
    }

    /// <summary>An employee's signing certificate: digital signature and non-repudiation, document signing and e-mail protection.</summary>
    public static IssuedCertificate IssueSigningCertificate(X509Certificate2 ca, AsymmetricAlgorithm caKey, PublicationPoints caPoints,
        string commonName, string organisation, string? organisationalUnit, string? email, string? serialNumber, KeyAlgorithm algorithm,
        DateTimeOffset now, int years = 2)
    {
        using var key = NewKey(algorithm);
        var name = Name(commonName, organisation, organisationalUnit, serialNumber);
        var request = Request(name, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(DocumentSigning), new Oid(MicrosoftDocumentSigning), new Oid(EmailProtection)], critical: false));
        if (email is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddEmailAddress(email);
            request.CertificateExtensions.Add(san.Build());
        }
        AddIssuerLinks(request, ca, caPoints);
        var notAfter = Min(now.AddYears(years), ca.NotAfter);
        return new IssuedCertificate(Sign(request, ca, caKey, now, notAfter), key.ExportPkcs8PrivateKey());
    }

    public static AsymmetricAlgorithm LoadPrivateKey(ReadOnlySpan<byte> pkcs8)
    {
        try
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return rsa;
        }
        catch (CryptographicException)
        {
            var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8, out _);
            return ec;
        }
    }

    /// <summary>The certificate bound to its private key, as CmsSigner and the TSA need it.</summary>
    public static X509Certificate2 WithKey(X509Certificate2 certificate, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => certificate.CopyWithPrivateKey(rsa),
        ECDsa ec => certificate.CopyWithPrivateKey(ec),
        _ => throw new NotSupportedException("Only RSA and ECDSA keys are supported."),
    };

    public static X509SignatureGenerator GeneratorFor(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
        ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
        _ => throw new NotSupportedException("Only RSA and ECDSA keys are supported."),
    };

    public static string SerialHex(X509Certificate2 certificate) => certificate.SerialNumber.ToUpperInvariant();

    private static AsymmetricAlgorithm NewKey(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => RSA.Create(2048),
        KeyAlgorithm.Rsa3072 => RSA.Create(3072),
        KeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private static CertificateRequest Request(X500DistinguishedName name, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ec => new CertificateRequest(name, ec, HashAlgorithmName.SHA256),
        _ => throw new NotSupportedException(),
    };

    private static void AddIssuerLinks(CertificateRequest request, X509Certificate2 issuer, PublicationPoints points)
    {
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([points.CrlUrl]));
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(null, [points.CaCertificateUrl]));
    }

    private static X509Certificate2 Sign(CertificateRequest request, X509Certificate2 issuer, AsymmetricAlgorithm issuerKey, DateTimeOffset now, DateTimeOffset notAfter)
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x10);
        using var certificate = request.Create(issuer.SubjectName, GeneratorFor(issuerKey), now.AddMinutes(-5), notAfter, serial);
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTime b) => a < new DateTimeOffset(b.ToUniversalTime()) ? a : new DateTimeOffset(b.ToUniversalTime());

    private static X500DistinguishedName Name(string commonName, string organisation, string? unit, string? serialNumber = null)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("IN");
        builder.AddOrganizationName(organisation);
        if (unit is not null) builder.AddOrganizationalUnitName(unit);
        if (serialNumber is not null) builder.Add("2.5.4.5", serialNumber, UniversalTagNumber.PrintableString);
        builder.AddCommonName(commonName);
        return builder.Build();
    }
}
