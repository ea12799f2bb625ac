using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Daftar.Signing;

/// <summary>
/// Something that can sign: Daftar's own PIN-unlocked keys today, an eSign (Aadhaar OTP) provider or a hardware token
/// later. It returns a detached CMS signature over the content, time-stamped.
/// </summary>
public interface IDocumentSigner
{
    X509Certificate2 Certificate { get; }

    /// <summary>A detached, time-stamped CMS signature. For PDFs (PAdES, ETSI.CAdES.detached) the signing time is left
    /// out of the signed attributes: the PDF's signature dictionary and the timestamp carry the time.</summary>
    byte[] SignDetached(ReadOnlySpan<byte> content, bool forPdf = false);
}

/// <summary>
/// Detached CMS (CAdES-BES style, plus a signature timestamp): SHA-256, signing time, signing-certificate-v2, the
/// certificate chain without the root, and an RFC 3161 timestamp over the signature value as an unsigned attribute.
/// </summary>
public sealed class KeySigner(X509Certificate2 certificate, AsymmetricAlgorithm key, X509Certificate2Collection chain, TimestampAuthority tsa, TimeProvider clock)
    : IDocumentSigner
{
    public const string TimestampTokenOid = "1.2.840.113549.1.9.16.2.14";

    public X509Certificate2 Certificate => certificate;

    private readonly CmsWriter _writer = new(certificate, key, [certificate, .. chain]);

    public byte[] SignDetached(ReadOnlySpan<byte> content, bool forPdf = false)
    {
        return _writer.Sign(CmsWriter.DataContentType, SHA256.HashData(content), forPdf ? null : clock.GetUtcNow(),
            unsigned: signature => (TimestampTokenOid, tsa.CreateToken(SHA256.HashData(signature), Sha256)));
    }

    private static readonly Oid Sha256 = new("2.16.840.1.101.3.4.2.1");
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CertificateStatus>))]
public enum CertificateStatus { Good, Revoked, Unknown }

/// <summary>What a verification found. <see cref="Valid"/> only when the content matches, the chain reaches a trusted
/// root, and no certificate in it was revoked before the signature was made.</summary>
public sealed record SignatureCheck(bool Valid, string? Problem, X509Certificate2? Signer, DateTimeOffset? SignedAt, bool Timestamped,
    CertificateStatus StatusAtSigning, CertificateStatus StatusNow, DateTimeOffset? RevokedAt)
{
    /// <summary>Why the signature is not valid, as a stable code (changed, untrusted, revoked, revocation_unknown, bad_timestamp, malformed).</summary>
    public string? ProblemCode { get; init; }

    public static SignatureCheck Broken(string code, string problem, X509Certificate2? signer = null) =>
        new(false, problem, signer, null, false, CertificateStatus.Unknown, CertificateStatus.Unknown, null) { ProblemCode = code };
}

/// <summary>The trust Daftar verifies against: its roots (and configured outside anchors), CA certificates to build
/// chains with, and the current CRL of an issuer when it has one.</summary>
public sealed record TrustContext(X509Certificate2Collection Roots, X509Certificate2Collection Intermediates, Func<X509Certificate2, RevocationList?> CrlFor,
    DateTimeOffset Now)
{
    /// <summary>Chains already built against these roots; shared by copies of this context (<c>with { Now = … }</c>).</summary>
    public ChainCache? Chains { get; init; }

    /// <summary>Signatures already read and checked against their content (what does not depend on trust).</summary>
    public SignatureCache? Signatures { get; init; }
}

/// <summary>
/// What reading a signature found that depends only on its bytes and the content's: well formed, the signature value
/// matches the content, the certificate is named, the timestamps are sound, and who signed and when. Keyed by the SHA-256
/// of both, so a changed byte of either is a miss and is read again; everything that depends on trust (chains, CRLs,
/// the time now) is checked on every verification. A note sheet shown again then costs a few hashes per signature
/// instead of two milliseconds of decoding and public-key operations.
/// </summary>
public sealed class SignatureCache(int capacity = 4_096)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SignatureVerifier.ReadSignature> _read = new(StringComparer.Ordinal);

    internal static string Key(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature) =>
        Convert.ToHexString(SHA256.HashData(content)) + Convert.ToHexString(SHA256.HashData(signature));

    internal SignatureVerifier.ReadSignature? Find(string key) => _read.GetValueOrDefault(key);

    internal void Keep(string key, SignatureVerifier.ReadSignature read)
    {
        if (_read.Count >= capacity) _read.Clear();
        _read[key] = read;
    }
}

/// <summary>
/// Chains that were built successfully against one trust context, by the leaf certificate. Building a chain costs a few
/// milliseconds and the answer for a certificate does not change while the roots stay the same, except with the time
/// asked about: a cached chain is used only when that time lies inside every element's validity. Revocation is not
/// part of a chain (it is checked against the CRLs on every verification), and failures are never cached.
/// </summary>
public sealed class ChainCache(int capacity = 10_000)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SignatureVerifier.ChainResult> _chains = new(StringComparer.Ordinal);

    internal SignatureVerifier.ChainResult? Find(X509Certificate2 certificate, DateTimeOffset at) =>
        _chains.TryGetValue(Key(certificate), out var chain)
        && chain.Elements.All(e => e.NotBefore.ToUniversalTime() <= at.UtcDateTime && at.UtcDateTime <= e.NotAfter.ToUniversalTime()) ? chain : null;

    internal void Keep(X509Certificate2 certificate, SignatureVerifier.ChainResult chain)
    {
        if (chain.Problem is not null) return;
        if (_chains.Count >= capacity) _chains.Clear();
        _chains[Key(certificate)] = chain;
    }

    private static string Key(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}

public static class SignatureVerifier
{
    /// <summary>A signature as read from its bytes: either broken, or its signer, timestamps and carried certificates.</summary>
    internal sealed record ReadSignature(SignatureCheck? Broken, X509Certificate2? Signer, IReadOnlyList<(X509Certificate2 Authority, DateTimeOffset At)> Timestamps,
        X509Certificate2Collection Certificates);

    public static SignatureCheck VerifyDetached(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature, TrustContext trust)
    {
        ReadSignature read;
        if (trust.Signatures is { } cache)
        {
            var key = SignatureCache.Key(content, signature);
            if (cache.Find(key) is { } known) read = known;
            else cache.Keep(key, read = Read(content, signature));
        }
        else read = Read(content, signature);
        if (read.Broken is { } broken) return broken;
        var signer = read.Signer!;

        // The timestamp: by a TSA whose certificate chains to a trusted root.
        DateTimeOffset? signedAt = null;
        foreach (var (authority, at) in read.Timestamps)
        {
            var tsaChain = Chain(authority, trust, at, read.Certificates);
            if (tsaChain.Problem is { } tsaProblem) return SignatureCheck.Broken("bad_timestamp", "The timestamp authority is not trusted: " + tsaProblem, signer);
            signedAt = at;
        }

        var chain = Chain(signer, trust, signedAt ?? trust.Now, read.Certificates);
        if (chain.Problem is { } problem) return SignatureCheck.Broken("untrusted", "The signer's certificate is not trusted: " + problem, signer);
        if (signer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
            && (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
            return SignatureCheck.Broken("untrusted", "The signer's certificate is not for signing.", signer);

        // Revocation, checked explicitly against each issuer's CRL.
        DateTimeOffset? revokedAt = null;
        var unknown = false;
        for (var i = 0; i < chain.Elements.Count - 1; i++)
        {
            var certificate = chain.Elements[i];
            var issuer = chain.Elements[i + 1];
            var crl = trust.CrlFor(issuer);
            if (crl is null || !crl.IsSignedBy(issuer) || crl.ThisUpdate > trust.Now.AddMinutes(5) || crl.NextUpdate < trust.Now)
            {
                unknown = true;
                continue;
            }
            if (crl.RevokedAt(certificate) is { } at && (revokedAt is null || at < revokedAt)) revokedAt = at;
        }
        if (revokedAt is { } when)
        {
            if (signedAt is null)
                return new SignatureCheck(false, "The signer's certificate has been revoked, and the signature has no timestamp to show it was made before.",
                    signer, null, false, CertificateStatus.Unknown, CertificateStatus.Revoked, when)
                { ProblemCode = "revoked" };
            if (when <= signedAt)
                return new SignatureCheck(false, $"The signer's certificate was revoked on {when:u}, before the signature was made ({signedAt:u}).",
                    signer, signedAt, true, CertificateStatus.Revoked, CertificateStatus.Revoked, when)
                { ProblemCode = "revoked" };
            return new SignatureCheck(true, null, signer, signedAt, true, CertificateStatus.Good, CertificateStatus.Revoked, when);
        }
        if (unknown)
            return new SignatureCheck(false, "The revocation status of the signer's certificate could not be checked (no current CRL).",
                signer, signedAt, signedAt is not null, CertificateStatus.Unknown, CertificateStatus.Unknown, null)
            { ProblemCode = "revocation_unknown" };
        return new SignatureCheck(true, null, signer, signedAt, signedAt is not null, CertificateStatus.Good, CertificateStatus.Good, null);
    }

    /// <summary>Everything about a signature that depends only on its bytes and the content's.</summary>
    private static ReadSignature Read(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature)
    {
        static ReadSignature Broken(string code, string problem, X509Certificate2? signer = null) => new(SignatureCheck.Broken(code, problem, signer), signer, [], []);
        var cms = new SignedCms(new ContentInfo(content.ToArray()), detached: true);
        try
        {
            cms.Decode(signature);
        }
        catch (CryptographicException)
        {
            return Broken("malformed", "This is not a CMS signature.");
        }
        if (cms.SignerInfos.Count != 1) return Broken("malformed", "Expected exactly one signer.");
        var info = cms.SignerInfos[0];
        var signer = info.Certificate;
        if (signer is null) return Broken("malformed", "The signature does not carry its signer's certificate.");
        try
        {
            info.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            return Broken("changed", "The content does not match the signature: it was changed after it was signed.", signer);
        }
        if (!HasSigningCertificateV2(info, signer))
            return Broken("malformed", "The signature does not name its certificate (signing-certificate-v2 missing or wrong).", signer);

        // Timestamps: each over this signature's value, signed by the authority it names.
        var timestamps = new List<(X509Certificate2, DateTimeOffset)>();
        foreach (var attribute in info.UnsignedAttributes)
        {
            if (attribute.Oid.Value != KeySigner.TimestampTokenOid) continue;
            if (!Rfc3161TimestampToken.TryDecode(attribute.Values[0].RawData, out var token, out _)
                || !token.VerifySignatureForSignerInfo(info, out var tsaCertificate) || tsaCertificate is null)
                return Broken("bad_timestamp", "The signature's timestamp is not valid.", signer);
            timestamps.Add((tsaCertificate, token.TokenInfo.Timestamp));
        }
        return new ReadSignature(null, signer, timestamps, cms.Certificates);
    }

    public sealed record ChainResult(IReadOnlyList<X509Certificate2> Elements, string? Problem);

    /// <summary>Builds the chain to one of the trusted roots, at the given time, without the platform's revocation checking.</summary>
    public static ChainResult Chain(X509Certificate2 certificate, TrustContext trust, DateTimeOffset at, X509Certificate2Collection? extra = null)
    {
        if (trust.Chains?.Find(certificate, at) is { } known) return known;
        var built = Build(certificate, trust, at, extra);
        trust.Chains?.Keep(certificate, built);
        return built;
    }

    private static ChainResult Build(X509Certificate2 certificate, TrustContext trust, DateTimeOffset at, X509Certificate2Collection? extra)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust.Roots);
        chain.ChainPolicy.ExtraStore.AddRange(trust.Intermediates);
        if (extra is not null) chain.ChainPolicy.ExtraStore.AddRange(extra);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        var ok = chain.Build(certificate);
        var elements = chain.ChainElements.Select(e => X509CertificateLoader.LoadCertificate(e.Certificate.RawData)).ToList();
        if (ok) return new ChainResult(elements, null);
        var reasons = chain.ChainStatus.Select(s => s.Status switch
        {
            X509ChainStatusFlags.NotTimeValid => "a certificate in the chain was not valid at the time of signing",
            X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain => "it does not chain to a trusted root",
            X509ChainStatusFlags.NotSignatureValid => "a certificate's signature is invalid",
            X509ChainStatusFlags.NotValidForUsage => "a certificate is not valid for this use",
            X509ChainStatusFlags.InvalidBasicConstraints => "an issuer is not a certificate authority",
            _ => s.StatusInformation.Trim(),
        }).Distinct();
        return new ChainResult(elements, string.Join("; ", reasons) + ".");
    }

    private static bool HasSigningCertificateV2(SignerInfo info, X509Certificate2 signer)
    {
        foreach (var attribute in info.SignedAttributes)
            if (attribute.Oid.Value == SigningCertificateV2.Oid)
                return SigningCertificateV2.Names(attribute.Values[0].RawData, signer);
        return false;
    }
}
