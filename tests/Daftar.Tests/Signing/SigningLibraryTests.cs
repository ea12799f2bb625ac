using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Daftar.Signing;
using Daftar.Tests.Infrastructure;

namespace Daftar.Tests.Signing;

/// <summary>Daftar.Signing on its own: the CA, PIN-protected keys, the TSA, CMS signatures, CRLs — and OpenSSL agreeing.</summary>
[Trait(TestTraits.Database, TestTraits.None)]
public class SigningLibraryTests
{
    private static readonly TestPki Shared = new();

    [Fact]
    public void Certificates_CarryTheUsagesAndLinksADocumentSigningCertificateNeeds()
    {
        var user = Shared.Rsa.Certificate;
        var usage = user.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, usage.KeyUsages);
        var ekus = user.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToList();
        Assert.Contains(Certificates.DocumentSigning, ekus);
        Assert.Contains(Certificates.EmailProtection, ekus);
        Assert.Equal(Shared.Ca.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray(),
            user.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray());
        Assert.Contains(user.Extensions, e => e.Oid!.Value == "2.5.29.31" && Encoding.ASCII.GetString(e.RawData).Contains("http://daftar.test/pki/crl/DOIT.crl"));
        Assert.Equal(2048, user.GetRSAPublicKey()!.KeySize);
        Assert.NotNull(Shared.Ec.Certificate.GetECDsaPublicKey());
        Assert.True(Shared.Ca.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public void PinProtectedKeys_OpenOnlyWithThePinAndTheServersKey()
    {
        var master = KeyProtector.NewMasterKey();
        var protector = new KeyProtector(master);
        var secret = Shared.Rsa.Pkcs8PrivateKey;
        var blob = protector.ProtectWithPin(secret, "482913");
        Assert.Equal(secret, protector.UnprotectWithPin(blob, "482913"));
        Assert.Null(protector.UnprotectWithPin(blob, "482914"));
        Assert.Null(new KeyProtector(KeyProtector.NewMasterKey()).UnprotectWithPin(blob, "482913"));   // another server's key
        Assert.DoesNotContain(Convert.ToHexString(secret[..32]), Convert.ToHexString(blob));
        blob[^1] ^= 1;
        Assert.Null(protector.UnprotectWithPin(blob, "482913"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyProtector(master, pinIterations: 1000));

        var caBlob = protector.Protect(Shared.Ca.Pkcs8PrivateKey);
        Assert.Equal(Shared.Ca.Pkcs8PrivateKey, protector.Unprotect(caBlob));
        Assert.Throws<CryptographicException>(() => new KeyProtector(KeyProtector.NewMasterKey()).Unprotect(caBlob));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Signatures_VerifyWithTheirTimestamp_AndAChangedByteIsCaught(bool ecdsa)
    {
        var who = ecdsa ? Shared.Ec : Shared.Rsa;
        var content = Encoding.UTF8.GetBytes("Note 3 on F.12(3)/DOIT/GR-1/2026\nप्रस्ताव अनुमोदनार्थ प्रस्तुत है।");
        var signature = Shared.Sign(who, content);
        var check = SignatureVerifier.VerifyDetached(content, signature, Shared.Trust(Shared.Crl()));
        Assert.True(check.Valid, check.Problem);
        Assert.True(check.Timestamped);
        Assert.InRange(check.SignedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(who.Certificate.Thumbprint, check.Signer!.Thumbprint);

        content[10] ^= 1;
        var changed = SignatureVerifier.VerifyDetached(content, signature, Shared.Trust(Shared.Crl()));
        Assert.False(changed.Valid);
        Assert.Contains("changed", changed.Problem);
    }

    [Fact]
    public void Revocation_IsCheckedAgainstTheCrl_EarlierTimestampedSignaturesStayValid()
    {
        var content = "order"u8.ToArray();
        var signature = Shared.Sign(Shared.Rsa, content);
        var serial = Certificates.SerialHex(Shared.Rsa.Certificate);

        var later = SignatureVerifier.VerifyDetached(content, signature, Shared.Trust(Shared.Crl(new RevokedEntry(serial, DateTimeOffset.UtcNow.AddMinutes(1)))));
        Assert.True(later.Valid, later.Problem);
        Assert.Equal((CertificateStatus.Good, CertificateStatus.Revoked), (later.StatusAtSigning, later.StatusNow));

        var before = SignatureVerifier.VerifyDetached(content, signature, Shared.Trust(Shared.Crl(new RevokedEntry(serial, DateTimeOffset.UtcNow.AddHours(-1)))));
        Assert.False(before.Valid);
        Assert.Contains("before the signature was made", before.Problem);

        // A CRL that is out of date, or not signed by the issuer, does not count as "not revoked".
        var stale = SignatureVerifier.VerifyDetached(content, signature, Shared.Trust(Shared.Crl(), now: DateTimeOffset.UtcNow.AddDays(8)));
        Assert.False(stale.Valid);
        var crl = RevocationList.Parse(Shared.Crl());
        Assert.True(crl.IsSignedBy(Shared.Ca.Certificate));
        Assert.False(crl.IsSignedBy(Shared.Root.Certificate));
    }

    [Fact]
    public void ChainCache_ServesAChainOnlyInsideItsValidity_AndRevocationIsStillChecked()
    {
        var content = "cached"u8.ToArray();
        var signature = Shared.Sign(Shared.Rsa, content);
        var cache = new ChainCache();
        var trust = Shared.Trust(Shared.Crl()) with { Chains = cache };
        Assert.True(SignatureVerifier.VerifyDetached(content, signature, trust).Valid);
        Assert.True(SignatureVerifier.VerifyDetached(content, signature, trust with { Now = DateTimeOffset.UtcNow }).Valid);

        // The cached chain does not make a certificate valid at a time outside it.
        var afterExpiry = Shared.Rsa.Certificate.NotAfter.ToUniversalTime().AddDays(1);
        Assert.NotNull(SignatureVerifier.Chain(Shared.Rsa.Certificate, trust, afterExpiry).Problem);
        Assert.Null(SignatureVerifier.Chain(Shared.Rsa.Certificate, trust, DateTimeOffset.UtcNow).Problem);

        // Nor does it hide a revocation: CRLs are read on every verification.
        var serial = Certificates.SerialHex(Shared.Rsa.Certificate);
        var revoked = Shared.Trust(Shared.Crl(new RevokedEntry(serial, DateTimeOffset.UtcNow.AddHours(-1)))) with { Chains = cache };
        Assert.Equal("revoked", SignatureVerifier.VerifyDetached(content, signature, revoked).ProblemCode);

        // A chain that failed is not remembered as good.
        var foreign = new TrustContext([Certificates.CreateRoot("Someone Else", "Elsewhere", DateTimeOffset.UtcNow).Certificate], [], _ => null, DateTimeOffset.UtcNow) { Chains = new ChainCache() };
        Assert.False(SignatureVerifier.VerifyDetached(content, signature, foreign).Valid);
        Assert.False(SignatureVerifier.VerifyDetached(content, signature, foreign).Valid);
    }

    [Fact]
    public void SignatureCache_RemembersOnlyWhatTheBytesDecide_TrustIsCheckedEveryTime()
    {
        var content = "remembered"u8.ToArray();
        var signature = Shared.Sign(Shared.Ec, content);
        var signatures = new SignatureCache();
        var trust = Shared.Trust(Shared.Crl()) with { Signatures = signatures };
        Assert.True(SignatureVerifier.VerifyDetached(content, signature, trust).Valid);
        Assert.True(SignatureVerifier.VerifyDetached(content, signature, trust).Valid);

        // A changed byte of the content or of the signature is another key: read again, and caught.
        var changed = content.ToArray();
        changed[0] ^= 1;
        Assert.Equal("changed", SignatureVerifier.VerifyDetached(changed, signature, trust).ProblemCode);
        var tampered = signature.ToArray();
        tampered[^40] ^= 1;
        Assert.False(SignatureVerifier.VerifyDetached(content, tampered, trust).Valid);
        Assert.True(SignatureVerifier.VerifyDetached(content, signature, trust).Valid);

        // Revocation and trust are not remembered: a revoked signer, a foreign root and a stale CRL are seen at once.
        var serial = Certificates.SerialHex(Shared.Ec.Certificate);
        var revoked = Shared.Trust(Shared.Crl(new RevokedEntry(serial, DateTimeOffset.UtcNow.AddHours(-1)))) with { Signatures = signatures };
        Assert.Equal("revoked", SignatureVerifier.VerifyDetached(content, signature, revoked).ProblemCode);
        var foreign = new TrustContext([Certificates.CreateRoot("Someone Else", "Elsewhere", DateTimeOffset.UtcNow).Certificate], [], _ => null, DateTimeOffset.UtcNow)
        { Signatures = signatures };
        Assert.Equal("bad_timestamp", SignatureVerifier.VerifyDetached(content, signature, foreign).ProblemCode);
        var stale = Shared.Trust(Shared.Crl(), now: DateTimeOffset.UtcNow.AddDays(8)) with { Signatures = signatures };
        Assert.Equal("revocation_unknown", SignatureVerifier.VerifyDetached(content, signature, stale).ProblemCode);
    }

    [Fact]
    public void AForeignRoot_IsNotTrusted()
    {
        var other = Certificates.CreateRoot("Someone Else", "Elsewhere", DateTimeOffset.UtcNow);
        var trust = new TrustContext([other.Certificate], [], _ => null, DateTimeOffset.UtcNow);
        var check = SignatureVerifier.VerifyDetached("x"u8, Shared.Sign(Shared.Rsa, "x"u8.ToArray()), trust);
        Assert.False(check.Valid);
        Assert.Contains("not trusted", check.Problem);
    }

    [Fact]
    public void OpenSsl_AcceptsTheSignatureAndItsTimestamp_AndRefusesAChangedByte()
    {
        var dir = Directory.CreateTempSubdirectory("daftar-openssl-").FullName;
        var content = Encoding.UTF8.GetBytes("Daftar note v1\nप्रस्ताव अनुमोदनार्थ प्रस्तुत है।\n");
        var signature = Shared.Sign(Shared.Rsa, content);
        File.WriteAllBytes(Path.Combine(dir, "note.txt"), content);
        File.WriteAllBytes(Path.Combine(dir, "note.p7s"), signature);
        File.WriteAllText(Path.Combine(dir, "root.pem"), Shared.Root.Certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(dir, "chain.pem"), Shared.Root.Certificate.ExportCertificatePem() + "\n" + Shared.Ca.Certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(dir, "crl.pem"), Shared.Root.Certificate.ExportCertificatePem() + "\n" + Shared.Ca.Certificate.ExportCertificatePem() + "\n"
            + PemEncoding.WriteString("X509 CRL", Shared.Crl()) + "\n" + PemEncoding.WriteString("X509 CRL", Shared.RootCrl()) + "\n");

        Assert.Equal(0, OpenSsl.Run(dir, "cms -verify -binary -inform DER -in note.p7s -content note.txt -CAfile root.pem -purpose any -out /dev/null").Code);
        Assert.Equal(0, OpenSsl.Run(dir, "cms -verify -binary -inform DER -in note.p7s -content note.txt -CAfile crl.pem -crl_check -out /dev/null").Code);

        // The timestamp token inside the signature, checked by openssl ts against the signature value it covers.
        var cms = new System.Security.Cryptography.Pkcs.SignedCms();
        cms.Decode(signature);
        var info = cms.SignerInfos[0];
        var token = info.UnsignedAttributes.Cast<System.Security.Cryptography.CryptographicAttributeObject>().Single(a => a.Oid.Value == KeySigner.TimestampTokenOid).Values[0].RawData;
        File.WriteAllBytes(Path.Combine(dir, "token.der"), token);
        File.WriteAllBytes(Path.Combine(dir, "signature-value.bin"), info.GetSignature());
        Assert.Equal(0, OpenSsl.Run(dir, "ts -verify -token_in -in token.der -data signature-value.bin -CAfile root.pem").Code);

        content[5] ^= 1;
        File.WriteAllBytes(Path.Combine(dir, "note.txt"), content);
        Assert.NotEqual(0, OpenSsl.Run(dir, "cms -verify -binary -inform DER -in note.p7s -content note.txt -CAfile root.pem -purpose any -out /dev/null").Code);
        File.WriteAllBytes(Path.Combine(dir, "signature-value.bin"), [.. info.GetSignature().Reverse()]);
        Assert.NotEqual(0, OpenSsl.Run(dir, "ts -verify -token_in -in token.der -data signature-value.bin -CAfile root.pem").Code);
    }

    [Fact]
    public void Tsa_AnswersRfc3161Requests_ThatOpenSslAccepts()
    {
        var dir = Directory.CreateTempSubdirectory("daftar-tsa-").FullName;
        File.WriteAllText(Path.Combine(dir, "data.txt"), "any document");
        File.WriteAllText(Path.Combine(dir, "root.pem"), Shared.Root.Certificate.ExportCertificatePem() + "\n");
        Assert.Equal(0, OpenSsl.Run(dir, "ts -query -data data.txt -sha256 -cert -out request.tsq").Code);
        File.WriteAllBytes(Path.Combine(dir, "reply.tsr"), Shared.Authority.Respond(File.ReadAllBytes(Path.Combine(dir, "request.tsq"))));
        var verified = OpenSsl.Run(dir, "ts -verify -in reply.tsr -queryfile request.tsq -CAfile root.pem");
        Assert.True(verified.Code == 0, verified.Output);
        var rejected = Shared.Authority.Respond("not a request"u8);
        Assert.Equal(0x02, rejected[^5]);   // PKIStatus rejection
    }

    [Fact]
    public void TimestampTokens_DecodeWithTheirNonceHashAndPolicy()
    {
        var hash = SHA256.HashData("prastav"u8);
        byte[] nonce = [0x01, 0x02, 0x03];
        var token = Shared.Authority.CreateToken(hash, new Oid("2.16.840.1.101.3.4.2.1"), nonce);
        Assert.True(System.Security.Cryptography.Pkcs.Rfc3161TimestampToken.TryDecode(token, out var decoded, out var read));
        Assert.Equal(token.Length, read);
        Assert.Equal(TimestampAuthority.PolicyOid, decoded!.TokenInfo.PolicyId.Value);
        Assert.Equal(hash, decoded.TokenInfo.GetMessageHash().ToArray());
        Assert.Equal(nonce, decoded.TokenInfo.GetNonce()!.Value.ToArray());
        Assert.Equal(1_000_000, decoded.TokenInfo.AccuracyInMicroseconds);
        Assert.True(decoded.VerifySignatureForHash(hash, HashAlgorithmName.SHA256, out var signer, [Shared.Authority.Certificate]));
        Assert.Equal(Shared.Authority.Certificate.Thumbprint, signer!.Thumbprint);
    }
}
