using Daftar.Signing;

namespace Daftar.Load;

/// <summary>
/// A small PKI of Daftar's shape for the limits: a root, an issuing CA, a timestamp authority and one officer, the
/// officer's signer, and a trust context with current (empty) CRLs for both CAs.
/// </summary>
public sealed class BenchPki : IDisposable
{
    private readonly System.Security.Cryptography.AsymmetricAlgorithm _rootKey, _caKey;

    public BenchPki(KeyAlgorithm officerKey = KeyAlgorithm.Rsa2048, KeyAlgorithm tsaKey = KeyAlgorithm.EcdsaP256)
    {
        var now = DateTimeOffset.UtcNow;
        var root = Certificates.CreateRoot("Bench Root", "Bench", now);
        _rootKey = Certificates.LoadPrivateKey(root.Pkcs8PrivateKey);
        var points = new PublicationPoints("http://bench/crl", "http://bench/ca");
        var ca = Certificates.CreateIssuingCa(root.Certificate, _rootKey, "Bench CA", "Bench", points, now);
        _caKey = Certificates.LoadPrivateKey(ca.Pkcs8PrivateKey);
        var tsaCert = Certificates.CreateTimestamping(root.Certificate, _rootKey, "Bench TSA", "Bench", points, now, tsaKey);
        var user = Certificates.IssueSigningCertificate(ca.Certificate, _caKey, points, "Bench Officer", "Bench", "BENCH", null, "B1", officerKey, now);
        var tsa = new TimestampAuthority(Certificates.WithKey(tsaCert.Certificate, Certificates.LoadPrivateKey(tsaCert.Pkcs8PrivateKey)), TimeProvider.System);
        OfficerKey = Certificates.LoadPrivateKey(user.Pkcs8PrivateKey);
        Signer = new KeySigner(user.Certificate, OfficerKey, [ca.Certificate], tsa, TimeProvider.System);
        var crls = new Dictionary<string, RevocationList>
        {
            [ca.Certificate.Thumbprint] = RevocationList.Parse(RevocationList.Build(ca.Certificate, _caKey, [], 1, now.AddMinutes(-1), now.AddDays(7))),
            [root.Certificate.Thumbprint] = RevocationList.Parse(RevocationList.Build(root.Certificate, _rootKey, [], 1, now.AddMinutes(-1), now.AddDays(7))),
        };
        Trust = new TrustContext([root.Certificate], [ca.Certificate], issuer => crls.GetValueOrDefault(issuer.Thumbprint), now) { Chains = new ChainCache() };
    }

    public System.Security.Cryptography.AsymmetricAlgorithm OfficerKey { get; }
    public KeySigner Signer { get; }
    public TrustContext Trust { get; }

    public void Dispose()
    {
        OfficerKey.Dispose();
        _caKey.Dispose();
        _rootKey.Dispose();
    }
}
