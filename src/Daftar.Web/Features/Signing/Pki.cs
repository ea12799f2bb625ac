using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Daftar.Data;
using Daftar.People;
using Daftar.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Signing;

/// <summary>Signing settings (section "Signing"), with the master key that protects every private key at rest.</summary>
public sealed class SigningSettings
{
    public SigningSettings(IConfiguration config)
    {
        var section = config.GetSection("Signing");
        PublicUrl = (section["PublicUrl"] ?? config["Daftar:PublicUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');
        Organisation = section["Organisation"] ?? "Government of Rajasthan";
        SessionMinutes = section.GetValue("SessionMinutes", 15.0);
        CertificateYears = section.GetValue("CertificateYears", 2);
        CrlDays = section.GetValue("CrlValidityDays", 7);
        CrlRefreshHours = section.GetValue("CrlRefreshHours", 24.0);
        UserKeyAlgorithm = Enum.TryParse<KeyAlgorithm>(section["UserKeyAlgorithm"], ignoreCase: true, out var algorithm) ? algorithm : KeyAlgorithm.Rsa2048;
        TimestampKeyAlgorithm = Enum.TryParse<KeyAlgorithm>(section["TimestampKeyAlgorithm"], ignoreCase: true, out var tsaAlgorithm) ? tsaAlgorithm : KeyAlgorithm.EcdsaP256;
        TrustAnchorsPath = section["TrustAnchors"];
        FetchedCrlsPath = Path.Combine(DatabaseSettings.DataPath(config), "pki", "outside-crls");
        Protector = new KeyProtector(MasterKeyFile.Read(config), Math.Max(KeyProtector.MinimumPinIterations, section.GetValue("PinIterations", KeyProtector.MinimumPinIterations)));
    }

    public string PublicUrl { get; }
    public string Organisation { get; }
    public double SessionMinutes { get; }
    public int CertificateYears { get; }
    public int CrlDays { get; }
    public double CrlRefreshHours { get; }
    public KeyAlgorithm UserKeyAlgorithm { get; }
    /// <summary>The key of the timestamp authority made on first start. It signs once for every signature Daftar makes, so
    /// it is the cheapest strong key, ECDSA P-256, unless configured otherwise; an existing authority keeps its key.</summary>
    public KeyAlgorithm TimestampKeyAlgorithm { get; }
    /// <summary>A folder of PEM/DER certificates of licensed CAs whose DSCs employees may register.</summary>
    public string? TrustAnchorsPath { get; }
    /// <summary>CRLs of outside CAs fetched from their distribution points (see <see cref="OutsideRevocation"/>).</summary>
    public string FetchedCrlsPath { get; }
    public KeyProtector Protector { get; }

    public PublicationPoints PointsOf(string caCode) => new($"{PublicUrl}/pki/crl/{caCode}.crl", caCode == "root" ? $"{PublicUrl}/pki/root.crt" : $"{PublicUrl}/pki/ca/{caCode}.crt");
}

/// <summary>
/// Daftar's certificate authorities in the database: the root and the TSA made on first start, a department's issuing
/// CA made when first needed (or renewed by an administrator), CRLs published on change and on schedule, and the
/// trust every verification uses. Decrypted CA keys are cached for the life of the process.
/// </summary>
public sealed class Pki(DaftarDb db, SigningSettings settings, TimeProvider clock, PkiKeyCache keys) : IAfterMigration
{
    /// <summary>The root, the timestamp authority and their CRLs exist from the first start.</summary>
    public Task RunAsync(CancellationToken ct) => EnsureAsync(ct);

    public const string RootCode = "root";
    public const string TsaCode = "tsa";

    public SigningSettings Settings => settings;

    /// <summary>
    /// Creates the root and the timestamp authority when the installation has none, and an issuing CA for every
    /// department that has none (departments added later get theirs when first needed); idempotent.
    /// </summary>
    public async Task EnsureAsync(CancellationToken ct)
    {
        await EnsureRootAndTsaAsync(ct);
        var without = await db.Departments.Where(d => !db.Authorities.Any(a => a.Kind == AuthorityKind.Issuing && a.DepartmentId == d.Id)).ToListAsync(ct);
        foreach (var department in without) await CreateIssuingCaAsync(department, ct);
    }

    private async Task EnsureRootAndTsaAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!await db.Authorities.AnyAsync(a => a.Kind == AuthorityKind.Root && a.IsCurrent, ct))
        {
            var root = Certificates.CreateRoot("Daftar Root CA", settings.Organisation, now);
            db.Authorities.Add(Record(AuthorityKind.Root, RootCode, null, root, now));
            await db.SaveChangesAsync(ct);
        }
        if (!await db.Authorities.AnyAsync(a => a.Kind == AuthorityKind.Timestamping && a.IsCurrent, ct))
            await RenewTimestampAuthorityAsync(ct);
    }

    public async Task<(Authority Record, AsymmetricAlgorithm Key)> RootAsync(CancellationToken ct)
    {
        var root = await db.Authorities.SingleOrDefaultAsync(a => a.Kind == AuthorityKind.Root && a.IsCurrent, ct);
        if (root is null)
        {
            await EnsureRootAndTsaAsync(ct);
            root = await db.Authorities.SingleAsync(a => a.Kind == AuthorityKind.Root && a.IsCurrent, ct);
        }
        return (root, keys.Get(root, settings.Protector));
    }

    /// <summary>The department's current issuing CA, created (and its first CRL published) if it has none.</summary>
    public async Task<(Authority Record, AsymmetricAlgorithm Key)> IssuingCaAsync(Department department, CancellationToken ct)
    {
        var ca = await db.Authorities.SingleOrDefaultAsync(a => a.Kind == AuthorityKind.Issuing && a.DepartmentId == department.Id && a.IsCurrent, ct);
        if (ca is null) ca = await CreateIssuingCaAsync(department, ct);
        return (ca, keys.Get(ca, settings.Protector));
    }

    /// <summary>A new issuing CA for the department; the previous one (if any) stops issuing but stays for verification.</summary>
    public async Task<Authority> CreateIssuingCaAsync(Department department, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (root, rootKey) = await RootAsync(ct);
        var previous = await db.Authorities.Where(a => a.Kind == AuthorityKind.Issuing && a.DepartmentId == department.Id).ToListAsync(ct);
        foreach (var p in previous) p.Retire();
        var code = previous.Count == 0 ? department.Code : $"{department.Code}-{previous.Count + 1}";
        var issued = Certificates.CreateIssuingCa(Load(root), rootKey, $"Daftar {department.Code} CA{(previous.Count == 0 ? "" : " " + (previous.Count + 1))}",
            settings.Organisation, settings.PointsOf(RootCode), now);
        var ca = Record(AuthorityKind.Issuing, code, department, issued, now);
        db.Authorities.Add(ca);
        await db.SaveChangesAsync(ct);
        await PublishCrlAsync(ca, ct);
        if (!await db.Authorities.AnyAsync(a => a.Code == RootCode && a.Crl != null, ct)) await PublishCrlAsync(root, ct);
        return ca;
    }

    /// <summary>The current timestamp authority; a renewal made elsewhere (./run.sh pki renew-tsa) is picked up within
    /// <see cref="TrustCacheSeconds"/>.</summary>
    public async Task<TimestampAuthority> TimestampAuthorityAsync(CancellationToken ct)
    {
        if (keys.Tsa is { } cached && cached.At > clock.GetUtcNow().AddSeconds(-TrustCacheSeconds)) return cached.Authority;
        var tsa = await db.Authorities.AsNoTracking().SingleOrDefaultAsync(a => a.Kind == AuthorityKind.Timestamping && a.IsCurrent, ct);
        if (tsa is null)
        {
            await EnsureRootAndTsaAsync(ct);
            tsa = await db.Authorities.AsNoTracking().SingleAsync(a => a.Kind == AuthorityKind.Timestamping && a.IsCurrent, ct);
        }
        var authority = keys.Tsa is { } known && known.Id == tsa.Id ? known.Authority
            : new TimestampAuthority(Certificates.WithKey(Load(tsa), keys.Get(tsa, settings.Protector)), clock);
        keys.Tsa = (authority, tsa.Id, clock.GetUtcNow());
        return authority;
    }

    /// <summary>
    /// A new timestamp authority with the configured key (Signing:TimestampKeyAlgorithm, ECDSA P-256 by default): an
    /// installation whose authority predates that setting moves to the faster key. The previous authority stops
    /// stamping; its certificate stays, so everything it stamped keeps verifying.
    /// </summary>
    public async Task<Authority> RenewTimestampAuthorityAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (root, rootKey) = await RootAsync(ct);
        var previous = await db.Authorities.Where(a => a.Kind == AuthorityKind.Timestamping).ToListAsync(ct);
        foreach (var p in previous) p.Retire();
        var number = previous.Count + 1;
        var issued = Certificates.CreateTimestamping(Load(root), rootKey, number == 1 ? "Daftar Timestamp Authority" : $"Daftar Timestamp Authority {number}",
            settings.Organisation, settings.PointsOf(RootCode), now, settings.TimestampKeyAlgorithm);
        var tsa = Record(AuthorityKind.Timestamping, number == 1 ? TsaCode : $"{TsaCode}-{number}", null, issued, now);
        db.Authorities.Add(tsa);
        await db.SaveChangesAsync(ct);
        keys.Tsa = null;
        keys.Trust = null;
        return tsa;
    }

    /// <summary>Signs and stores a fresh CRL for a CA (root or issuing): every certificate it issued that is revoked or superseded.</summary>
    public async Task<byte[]> PublishCrlAsync(Authority ca, CancellationToken ct)
    {
        // Two publications at once (a revocation and the schedule, say): the CRL number is the CA's concurrency token,
        // so the later one starts over from the fresh row and includes everything the first did.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PublishCrlOnceAsync(ca, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                await db.Entry(ca).ReloadAsync(ct);
            }
        }
    }

    private async Task<byte[]> PublishCrlOnceAsync(Authority ca, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = keys.Get(ca, settings.Protector);
        // The root issues only CAs and the TSA, none of which Daftar revokes (a compromised CA is replaced with a new root).
        List<RevokedEntry> revoked = ca.Kind == AuthorityKind.Root
            ? []
            : [.. (await db.SigningCredentials.Where(c => c.IssuerId == ca.Id && c.Status != CredentialStatus.Active)
                    .Select(c => new { c.SerialHex, c.RevokedAt, c.Status }).ToListAsync(ct))
                .Select(c => new RevokedEntry(c.SerialHex, c.RevokedAt!.Value,
                    c.Status == CredentialStatus.Superseded ? X509RevocationReason.Superseded : X509RevocationReason.KeyCompromise))];
        var nextUpdate = now.AddDays(settings.CrlDays);
        var crl = RevocationList.Build(Load(ca), key, revoked, ca.NextCrlNumber(), now, nextUpdate);
        ca.Publish(crl, now, nextUpdate);
        await db.SaveChangesAsync(ct);
        keys.Trust = null;
        return crl;
    }

    /// <summary>What verification trusts: Daftar's roots and configured outside anchors, every CA it has had, their current CRLs.</summary>
    public async Task<TrustContext> TrustAsync(CancellationToken ct)
    {
        // Cached briefly: CAs and CRLs change rarely, and a revocation published by this process clears the cache at once
        // (another node's revocation is seen within TrustCacheSeconds).
        if (keys.Trust is { } cached && cached.At > clock.GetUtcNow().AddSeconds(-TrustCacheSeconds))
            return cached.Trust with { Now = clock.GetUtcNow() };
        var trust = await LoadTrustAsync(ct);
        keys.Trust = (trust, clock.GetUtcNow());
        return trust;
    }

    public const int TrustCacheSeconds = 30;

    private async Task<TrustContext> LoadTrustAsync(CancellationToken ct)
    {
        var authorities = await db.Authorities.AsNoTracking().ToListAsync(ct);
        var roots = new X509Certificate2Collection();
        var intermediates = new X509Certificate2Collection();
        var crls = new Dictionary<string, RevocationList>(StringComparer.Ordinal);
        foreach (var a in authorities)
        {
            var certificate = Load(a);
            if (a.Kind == AuthorityKind.Root) roots.Add(certificate); else intermediates.Add(certificate);
            if (a.Crl is not null) crls[certificate.Thumbprint] = RevocationList.Parse(a.Crl);
        }
        var anchors = OutsideAnchors(settings);
        roots.AddRange(anchors);
        foreach (var crl in OutsideCrls(settings))
            foreach (var anchor in anchors)
                if (crl.IsSignedBy(anchor)) crls.TryAdd(anchor.Thumbprint, crl);
        return new TrustContext(roots, intermediates, issuer => crls.GetValueOrDefault(issuer.Thumbprint), clock.GetUtcNow())
        {
            Chains = new ChainCache(),
            Signatures = keys.Signatures,
        };
    }

    /// <summary>Certificates of licensed CAs (PEM or DER files in Signing:TrustAnchors) whose DSCs employees may register.</summary>
    public static X509Certificate2Collection OutsideAnchors(SigningSettings settings)
    {
        var anchors = new X509Certificate2Collection();
        if (settings.TrustAnchorsPath is not { } folder || !Directory.Exists(folder)) return anchors;
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".pem") || f.EndsWith(".crt") || f.EndsWith(".cer")))
        {
            try
            {
                var bytes = File.ReadAllBytes(file);
                if (bytes.Length > 0 && bytes[0] == 0x30) anchors.Add(X509CertificateLoader.LoadCertificate(bytes));
                else anchors.ImportFromPemFile(file);
            }
            catch (CryptographicException)
            {
                // An unreadable file trusts nothing; the administrator sees the anchors on the PKI page.
            }
        }
        return anchors;
    }

    /// <summary>
    /// CRLs of the outside CAs (*.crl files beside their certificates in Signing:TrustAnchors, kept current by the
    /// installation's own job): without a current CRL, a signature by an outside DSC cannot be shown valid.
    /// </summary>
    public static IReadOnlyList<RevocationList> OutsideCrls(SigningSettings settings)
    {
        var lists = new List<RevocationList>();
        foreach (var folder in new[] { settings.TrustAnchorsPath, settings.FetchedCrlsPath })
        {
            if (folder is null || !Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*.crl"))
            {
                try
                {
                    var bytes = File.ReadAllBytes(file);
                    if (bytes.Length > 0 && bytes[0] != 0x30) bytes = PemEncoding.TryFind(File.ReadAllText(file), out var pem)
                        ? Convert.FromBase64String(File.ReadAllText(file)[pem.Base64Data]) : [];
                    if (bytes.Length > 0) lists.Add(RevocationList.Parse(bytes));
                }
                catch (Exception ex) when (ex is CryptographicException or FormatException or System.Formats.Asn1.AsnContentException)
                {
                    // An unreadable CRL revokes nothing and vouches for nothing: signatures under that CA show "could not be checked".
                }
            }
        }
        // The newest first, so that a fresh fetched CRL wins over an old copy in the anchors folder.
        return lists.OrderByDescending(l => l.ThisUpdate).ToList();
    }

    public static X509Certificate2 Load(Authority a) => X509CertificateLoader.LoadCertificate(a.Certificate);

    private Authority Record(AuthorityKind kind, string code, Department? department, IssuedCertificate issued, DateTimeOffset now) =>
        new(kind, code, department, issued.Certificate.RawData, settings.Protector.Protect(issued.Pkcs8PrivateKey), issued.Certificate.Subject,
            Certificates.SerialHex(issued.Certificate), issued.Certificate.NotBefore.ToUniversalTime(), issued.Certificate.NotAfter.ToUniversalTime(), now);
}

/// <summary>CA and TSA keys, decrypted once per process (they are used for every signature and CRL), and the trust context.</summary>
public sealed class PkiKeyCache
{
    private readonly ConcurrentDictionary<string, AsymmetricAlgorithm> _keys = new();

    public (TimestampAuthority Authority, int Id, DateTimeOffset At)? Tsa { get; set; }
    public (TrustContext Trust, DateTimeOffset At)? Trust { get; set; }
    /// <summary>Signatures read so far (what does not depend on trust), kept across trust reloads.</summary>
    public SignatureCache Signatures { get; } = new();

    public AsymmetricAlgorithm Get(Authority authority, KeyProtector protector) =>
        _keys.GetOrAdd(authority.SerialHex, _ => Certificates.LoadPrivateKey(protector.Unprotect(authority.ProtectedKey)));
}
