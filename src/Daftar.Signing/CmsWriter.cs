using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Daftar.Signing;

/// <summary>
/// Writes a CMS SignedData (RFC 5652) with one signer identified by issuer and serial number, SHA-256, and the signed
/// attributes Daftar uses (content type, signing time, message digest, signing-certificate-v2), for the officer's
/// signature and for the timestamp authority's token. .NET's <c>SignedCms</c> builds the same structure through
/// several decode and re-encode passes and costs more than the signature itself; this writes it once (ADR 0014).
/// Reading and verifying stay with <c>SignedCms</c>, so everything written here is checked by a decoder Daftar did
/// not write, and by <c>openssl cms -verify</c> and <c>openssl ts -verify</c> in the tests.
/// </summary>
public sealed class CmsWriter
{
    public const string DataContentType = "1.2.840.113549.1.7.1";
    private const string SignedDataType = "1.2.840.113549.1.7.2";
    private const string Sha256 = "2.16.840.1.101.3.4.2.1";
    private const string ContentTypeAttribute = "1.2.840.113549.1.9.3";
    private const string MessageDigestAttribute = "1.2.840.113549.1.9.4";
    private const string SigningTimeAttribute = "1.2.840.113549.1.9.5";

    private readonly X509Certificate2 _certificate;
    private readonly AsymmetricAlgorithm _key;
    private readonly byte[][] _certificates;
    private readonly byte[] _signingCertificateV2;

    /// <param name="certificate">The signer's certificate.</param>
    /// <param name="key">Its private key (RSA, signed with PKCS#1 v1.5, or ECDSA).</param>
    /// <param name="certificates">The certificates to carry (usually the signer's and its issuing CA's).</param>
    public CmsWriter(X509Certificate2 certificate, AsymmetricAlgorithm key, IEnumerable<X509Certificate2> certificates)
    {
        if (key is not (RSA or ECDsa)) throw new NotSupportedException($"Keys of type {key.GetType().Name} cannot sign here.");
        _certificate = certificate;
        _key = key;
        _certificates = certificates.Select(c => c.RawData).ToArray();
        _signingCertificateV2 = SigningCertificateV2.For(certificate).RawData;
    }

    /// <summary>
    /// Signs: the content's SHA-256 <paramref name="contentDigest"/> goes into the signed attributes, which are signed;
    /// <paramref name="unsigned"/> may then add one unsigned attribute computed from the signature value (a timestamp
    /// token). <paramref name="encapsulated"/> is the content itself when it is carried, or null for a detached signature;
    /// <paramref name="withCertificates"/> false leaves the certificates out (a timestamp requester may ask so).
    /// </summary>
    public byte[] Sign(string contentType, ReadOnlySpan<byte> contentDigest, DateTimeOffset? signingTime, byte[]? encapsulated = null,
        Func<byte[], (string Oid, byte[] Value)>? unsigned = null, bool withCertificates = true)
    {
        var attributes = SignedAttributes(contentType, contentDigest, signingTime);
        var signature = _key switch
        {
            RSA rsa => rsa.SignData(attributes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(attributes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
            _ => throw new NotSupportedException(),
        };
        var extra = unsigned?.Invoke(signature);

        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())                                                      // ContentInfo
        {
            w.WriteObjectIdentifier(SignedDataType);
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (w.PushSequence())                                                  // SignedData
            {
                // Version 1 for plain data, 3 when another content type is encapsulated (RFC 5652, 5.1).
                w.WriteInteger(contentType == DataContentType ? 1 : 3);
                using (w.PushSetOf()) WriteAlgorithm(w, Sha256, nullParameters: false);
                using (w.PushSequence())                                              // EncapsulatedContentInfo
                {
                    w.WriteObjectIdentifier(contentType);
                    if (encapsulated is not null)
                        using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                            w.WriteOctetString(encapsulated);
                }
                if (withCertificates && _certificates.Length > 0)
                    using (w.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                        foreach (var certificate in _certificates) w.WriteEncodedValue(certificate);
                using (w.PushSetOf())
                using (w.PushSequence())                                              // SignerInfo
                {
                    w.WriteInteger(1);
                    using (w.PushSequence())                                          // IssuerAndSerialNumber
                    {
                        w.WriteEncodedValue(_certificate.IssuerName.RawData);
                        w.WriteInteger(_certificate.SerialNumberBytes.Span);
                    }
                    WriteAlgorithm(w, Sha256, nullParameters: false);
                    // The signed attributes as signed (a SET), written with their [0] IMPLICIT tag.
                    var tagged = (byte[])attributes.Clone();
                    tagged[0] = 0xA0;
                    w.WriteEncodedValue(tagged);
                    if (_key is RSA) WriteAlgorithm(w, "1.2.840.113549.1.1.1", nullParameters: true);   // rsaEncryption
                    else WriteAlgorithm(w, "1.2.840.10045.4.3.2", nullParameters: false);               // ecdsa-with-SHA256
                    w.WriteOctetString(signature);
                    if (extra is { } attribute)
                        using (w.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                            WriteAttribute(w, attribute.Oid, x => x.WriteEncodedValue(attribute.Value));
                }
            }
        }
        return w.Encode();
    }

    /// <summary>The DER SET OF attributes that is signed (sorted, as DER requires and verifiers re-encode it).</summary>
    private byte[] SignedAttributes(string contentType, ReadOnlySpan<byte> contentDigest, DateTimeOffset? signingTime)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        var digest = contentDigest.ToArray();
        using (w.PushSetOf())
        {
            WriteAttribute(w, ContentTypeAttribute, x => x.WriteObjectIdentifier(contentType));
            if (signingTime is { } time)
            {
                // RFC 5652, 11.3: UTCTime from 1950 to 2049, GeneralizedTime outside; whole seconds.
                var seconds = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
                WriteAttribute(w, SigningTimeAttribute, x =>
                {
                    if (seconds.Year is >= 1950 and < 2050) x.WriteUtcTime(seconds);
                    else x.WriteGeneralizedTime(seconds, omitFractionalSeconds: true);
                });
            }
            WriteAttribute(w, MessageDigestAttribute, x => x.WriteOctetString(digest));
            WriteAttribute(w, SigningCertificateV2.Oid, x => x.WriteEncodedValue(_signingCertificateV2));
        }
        return w.Encode();
    }

    private static void WriteAttribute(AsnWriter w, string oid, Action<AsnWriter> value)
    {
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            using (w.PushSetOf()) value(w);
        }
    }

    private static void WriteAlgorithm(AsnWriter w, string oid, bool nullParameters)
    {
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            if (nullParameters) w.WriteNull();
        }
    }
}
