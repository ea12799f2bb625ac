using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Daftar.Signing;

public sealed record RevokedEntry(string SerialHex, DateTimeOffset RevokedAt, X509RevocationReason? Reason = null);

/// <summary>
/// A parsed certificate revocation list. Daftar checks revocation itself, never through the platform's CRL cache
/// (which cannot be given a CRL and keeps what it read for the life of the process): the list's signature is verified
/// with the issuer's key, its dates checked, and the serial looked up.
/// </summary>
public sealed class RevocationList
{
    private readonly Dictionary<string, DateTimeOffset> _revoked;
    private readonly byte[] _tbs;
    private readonly byte[] _signature;
    private readonly string _signatureAlgorithm;

    private RevocationList(byte[] der, byte[] tbs, string signatureAlgorithm, byte[] signature, X500DistinguishedName issuer,
        DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, BigInteger? number, Dictionary<string, DateTimeOffset> revoked)
    {
        Der = der;
        _tbs = tbs;
        _signatureAlgorithm = signatureAlgorithm;
        _signature = signature;
        Issuer = issuer;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        Number = number;
        _revoked = revoked;
    }

    public byte[] Der { get; }
    public X500DistinguishedName Issuer { get; }
    public DateTimeOffset ThisUpdate { get; }
    public DateTimeOffset? NextUpdate { get; }
    public BigInteger? Number { get; }
    public IReadOnlyDictionary<string, DateTimeOffset> Revoked => _revoked;

    /// <summary>When the certificate with this serial was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt(X509Certificate2 certificate) =>
        _revoked.TryGetValue(Certificates.SerialHex(certificate), out var at) ? at : null;

    /// <summary>True when the list was signed by this issuer's key and names it as issuer.</summary>
    public bool IsSignedBy(X509Certificate2 issuer)
    {
        if (!Issuer.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData)) return false;
        // A list is checked against the same issuer on every verification: the answer for that certificate is kept.
        if (_signedBy is { } known && known.AsSpan().SequenceEqual(issuer.RawData)) return true;
        if (!SignatureMatches(issuer)) return false;
        _signedBy = issuer.RawData;
        return true;
    }

    private byte[]? _signedBy;

    private bool SignatureMatches(X509Certificate2 issuer)
    {
        return _signatureAlgorithm switch
        {
            "1.2.840.113549.1.1.11" => issuer.GetRSAPublicKey()?.VerifyData(_tbs, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) == true,
            "1.2.840.113549.1.1.12" => issuer.GetRSAPublicKey()?.VerifyData(_tbs, _signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1) == true,
            "1.2.840.10045.4.3.2" => issuer.GetECDsaPublicKey()?.VerifyData(_tbs, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence) == true,
            "1.2.840.10045.4.3.3" => issuer.GetECDsaPublicKey()?.VerifyData(_tbs, _signature, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence) == true,
            _ => false,
        };
    }

    public static RevocationList Parse(byte[] der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var tbs = outer.ReadEncodedValue().ToArray();
            var algorithm = outer.ReadSequence().ReadObjectIdentifier();
            var signature = outer.ReadBitString(out _);

            var t = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
            if (t.PeekTag().HasSameClassAndValue(Asn1Tag.Integer)) t.ReadInteger();   // version
            t.ReadSequence();                                                          // signature algorithm
            var issuer = new X500DistinguishedName(t.ReadEncodedValue().Span);
            var thisUpdate = ReadTime(t);
            DateTimeOffset? nextUpdate = t.HasData && IsTime(t.PeekTag()) ? ReadTime(t) : null;
            var revoked = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            if (t.HasData && t.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = t.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    var serial = Convert.ToHexString(entry.ReadIntegerBytes().Span);
                    revoked[serial] = ReadTime(entry);
                }
            }
            BigInteger? number = null;
            if (t.HasData)
            {
                var extensions = t.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
                while (extensions.HasData)
                {
                    var extension = extensions.ReadSequence();
                    var oid = extension.ReadObjectIdentifier();
                    if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean)) extension.ReadBoolean();
                    var value = extension.ReadOctetString();
                    if (oid == "2.5.29.20") number = new AsnReader(value, AsnEncodingRules.DER).ReadInteger();
                }
            }
            return new RevocationList(der, tbs, algorithm, signature, issuer, thisUpdate, nextUpdate, number, revoked);
        }
        catch (AsnContentException ex)
        {
            throw new CryptographicException("This is not a certificate revocation list.", ex);
        }
    }

    /// <summary>Builds and signs a CRL for the issuer, listing the given revocations.</summary>
    public static byte[] Build(X509Certificate2 issuer, AsymmetricAlgorithm issuerKey, IEnumerable<RevokedEntry> revoked, BigInteger number,
        DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var r in revoked)
            builder.AddEntry(Convert.FromHexString(r.SerialHex), r.RevokedAt, r.Reason);
        var aki = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false);
        return builder.Build(issuer.SubjectName, Certificates.GeneratorFor(issuerKey), number, nextUpdate, HashAlgorithmName.SHA256, aki, thisUpdate);
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
