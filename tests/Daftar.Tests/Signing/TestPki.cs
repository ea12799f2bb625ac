using System.Security.Cryptography.X509Certificates;
using Daftar.Signing;

namespace Daftar.Tests.Signing;

/// <summary>A root, a department CA, a TSA and RSA and ECDSA signers: a small PKI of Daftar's shape for library tests.</summary>
public sealed class TestPki
{
    public readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    public readonly IssuedCertificate Root, Ca, Tsa, Rsa, Ec, Third;
    public readonly TimestampAuthority Authority;
    public readonly PublicationPoints RootPoints = new("http://daftar.test/pki/crl/root.crl", "http://daftar.test/pki/root.crt");
    public readonly PublicationPoints CaPoints = new("http://daftar.test/pki/crl/DOIT.crl", "http://daftar.test/pki/ca/DOIT.crt");

    public TestPki()
    {
        Root = Certificates.CreateRoot("Daftar Test Root CA", "Government of Rajasthan", Now);
        using var rootKey = Certificates.LoadPrivateKey(Root.Pkcs8PrivateKey);
        Ca = Certificates.CreateIssuingCa(Root.Certificate, rootKey, "Daftar DOIT CA", "Government of Rajasthan", RootPoints, Now);
        Tsa = Certificates.CreateTimestamping(Root.Certificate, rootKey, "Daftar TSA", "Government of Rajasthan", RootPoints, Now);
        using var caKey = Certificates.LoadPrivateKey(Ca.Pkcs8PrivateKey);
        Rsa = Certificates.IssueSigningCertificate(Ca.Certificate, caKey, CaPoints, "Priyanka Sharma", "Government of Rajasthan", "DOIT", "priyanka@example.gov.in", "RJ100013", KeyAlgorithm.Rsa2048, Now);
        Third = Certificates.IssueSigningCertificate(Ca.Certificate, caKey, CaPoints, "Rajesh Meena", "Government of Rajasthan", "DOIT", null, "RJ100009", KeyAlgorithm.Rsa2048, Now);
        Ec = Certificates.IssueSigningCertificate(Ca.Certificate, caKey, CaPoints, "Anita Choudhary", "Government of Rajasthan", "DOIT", null, "RJ100011", KeyAlgorithm.EcdsaP256, Now);
        Authority = new TimestampAuthority(Certificates.WithKey(Tsa.Certificate, Certificates.LoadPrivateKey(Tsa.Pkcs8PrivateKey)), TimeProvider.System);
    }

    public byte[] Crl(params RevokedEntry[] revoked)
    {
        using var caKey = Certificates.LoadPrivateKey(Ca.Pkcs8PrivateKey);
        return RevocationList.Build(Ca.Certificate, caKey, revoked, 1, Now.AddMinutes(-1), Now.AddDays(7));
    }

    public byte[] RootCrl()
    {
        using var rootKey = Certificates.LoadPrivateKey(Root.Pkcs8PrivateKey);
        return RevocationList.Build(Root.Certificate, rootKey, [], 1, Now.AddMinutes(-1), Now.AddDays(30));
    }

    public TrustContext Trust(byte[] caCrl, DateTimeOffset? now = null)
    {
        var lists = new Dictionary<string, RevocationList>
        {
            [Ca.Certificate.Subject] = RevocationList.Parse(caCrl),
            [Root.Certificate.Subject] = RevocationList.Parse(RootCrl()),
        };
        return new TrustContext([Root.Certificate], [Ca.Certificate], issuer => lists.GetValueOrDefault(issuer.Subject), now ?? DateTimeOffset.UtcNow);
    }

    public byte[] Sign(IssuedCertificate who, byte[] content)
    {
        using var key = Certificates.LoadPrivateKey(who.Pkcs8PrivateKey);
        return new KeySigner(who.Certificate, key, [Ca.Certificate], Authority, TimeProvider.System).SignDetached(content);
    }

    /// <summary>A signer holding <paramref name="who"/>'s key, time-stamped by the test TSA.</summary>
    public KeySigner SignerFor(IssuedCertificate who) =>
        new(who.Certificate, Certificates.LoadPrivateKey(who.Pkcs8PrivateKey), [Ca.Certificate], Authority, TimeProvider.System);
}
