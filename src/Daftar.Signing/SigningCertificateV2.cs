using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Daftar.Signing;

/// <summary>
/// The ESS signing-certificate-v2 attribute (RFC 5035): binds a CMS signature to the exact certificate that made it,
/// as CAdES requires (and .NET's timestamp-token decoder expects). .NET does not write it, so it is encoded here.
/// </summary>
public static class SigningCertificateV2
{
    public const string Oid = "1.2.840.113549.1.9.16.2.47";

    public static AsnEncodedData For(X509Certificate2 certificate)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())                          // SigningCertificateV2
        using (w.PushSequence())                          // certs
        using (w.PushSequence())                          // ESSCertIDv2 (hashAlgorithm: SHA-256, the default, omitted)
        {
            w.WriteOctetString(SHA256.HashData(certificate.RawData));
            using (w.PushSequence())                      // IssuerSerial
            {
                using (w.PushSequence())                  // GeneralNames
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))   // directoryName [4] EXPLICIT
                    w.WriteEncodedValue(certificate.IssuerName.RawData);
                w.WriteInteger(certificate.SerialNumberBytes.Span);
            }
        }
        return new AsnEncodedData(new Oid(Oid), w.Encode());
    }

    /// <summary>True when the attribute's first certificate id is this certificate (by its SHA-256/384/512 hash).</summary>
    public static bool Names(byte[] attributeValue, X509Certificate2 certificate)
    {
        try
        {
            var id = new AsnReader(attributeValue, AsnEncodingRules.DER).ReadSequence().ReadSequence().ReadSequence();
            var algorithm = "2.16.840.1.101.3.4.2.1";
            if (id.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence)) algorithm = id.ReadSequence().ReadObjectIdentifier();
            var hash = id.ReadOctetString();
            byte[] expected = algorithm switch
            {
                "2.16.840.1.101.3.4.2.1" => SHA256.HashData(certificate.RawData),
                "2.16.840.1.101.3.4.2.2" => SHA384.HashData(certificate.RawData),
                "2.16.840.1.101.3.4.2.3" => SHA512.HashData(certificate.RawData),
                _ => [],
            };
            return expected.Length > 0 && CryptographicOperations.FixedTimeEquals(hash, expected);
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
