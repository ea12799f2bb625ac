using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Daftar.Signing;

/// <summary>
/// Daftar's RFC 3161 time-stamping authority: signs the time at which it saw a hash, with its own certificate (EKU
/// timeStamping, critical). Used for every signature Daftar makes and served over HTTP for outside clients.
/// </summary>
public sealed class TimestampAuthority(X509Certificate2 certificateWithKey, TimeProvider clock)
{
    /// <summary>Daftar's time-stamping policy, under the UUID arc (ITU-T X.667), so it needs no registration.</summary>
    public const string PolicyOid = "2.25.329800735698586629295641978511506172918";
    private const string TstInfoContentType = "1.2.840.113549.1.9.16.1.4";

    private readonly CmsWriter _writer = new(certificateWithKey, KeyOf(certificateWithKey), [certificateWithKey]);

    public X509Certificate2 Certificate => certificateWithKey;

    public byte[] CreateToken(ReadOnlySpan<byte> messageHash, Oid hashAlgorithm, ReadOnlyMemory<byte>? nonce = null, bool includeCertificate = true)
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x10);
        var now = clock.GetUtcNow();
        var info = new Rfc3161TimestampTokenInfo(new Oid(PolicyOid), hashAlgorithm, messageHash.ToArray(), serial, now,
            accuracyInMicroseconds: 1_000_000, isOrdering: false, nonce: nonce).Encode();
        return _writer.Sign(TstInfoContentType, SHA256.HashData(info), now, encapsulated: info, withCertificates: includeCertificate);
    }

    private static AsymmetricAlgorithm KeyOf(X509Certificate2 certificate) =>
        (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()
        ?? throw new ArgumentException("The timestamp authority's certificate has no RSA or ECDSA private key.", nameof(certificate));

    /// <summary>Answers a DER TimeStampReq with a DER TimeStampResp: granted with a token, or rejected (badDataFormat / badAlg).</summary>
    public byte[] Respond(ReadOnlySpan<byte> request)
    {
        if (!Rfc3161TimestampRequest.TryDecode(request.ToArray(), out var req, out var read) || read != request.Length)
            return Rejection(failInfoBit: 5);                                              // badDataFormat
        if (req.HashAlgorithmId.Value is not ("2.16.840.1.101.3.4.2.1" or "2.16.840.1.101.3.4.2.2" or "2.16.840.1.101.3.4.2.3"))
            return Rejection(failInfoBit: 0);                                              // badAlg
        if (req.RequestedPolicyId is { } policy && policy.Value != PolicyOid)
            return Rejection(failInfoBit: 15);                                             // unacceptedPolicy
        var token = CreateToken(req.GetMessageHash().Span, req.HashAlgorithmId, req.GetNonce(), req.RequestSignerCertificate);
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence()) w.WriteInteger(0);                                   // PKIStatusInfo: granted
            w.WriteEncodedValue(token);
        }
        return w.Encode();
    }

    private static byte[] Rejection(int failInfoBit)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence())
        {
            w.WriteInteger(2);                                                            // rejection
            var bits = new byte[(failInfoBit / 8) + 1];
            bits[failInfoBit / 8] = (byte)(0x80 >> (failInfoBit % 8));
            w.WriteBitString(bits, 7 - (failInfoBit % 8));
        }
        return w.Encode();
    }
}
