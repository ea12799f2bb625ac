using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Daftar.Data;
using Daftar.Signing;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Signing;

public sealed record EnrolCommand(string? Pin, string? ConfirmPin, bool Replace = false);
public sealed record PinCommand(string? Pin);
public sealed record RevokeCommand(string? Reason);
public sealed record CredentialView(int Id, CredentialSource Source, string Subject, string IssuerName, string SerialHex, string Algorithm,
    DateTimeOffset NotBefore, DateTimeOffset NotAfter, CredentialStatus Status, DateTimeOffset? RevokedAt, string? RevocationReason,
    bool Locked, int FailedPinAttempts);
public sealed record SigningStatus(bool Enrolled, CredentialView? Credential, DateTimeOffset? SessionOpenUntil, double SessionMinutes, int AttemptsLeft)
{
    /// <summary>An outside DSC registered in another name, waiting for the administrator's approval.</summary>
    public CredentialView? AwaitingApproval { get; init; }
    /// <summary>When there is no usable certificate: the last one, revoked, with when and why.</summary>
    public CredentialView? LastRevoked { get; init; }
}
/// <summary>A registered DSC: Active at once when it names the employee, AwaitingApproval otherwise.</summary>
public sealed record Registered(int Id, CredentialStatus Status, string CertificateName);

/// <summary>
/// Unlocked signing keys, per credential, for a few minutes after the PIN was given (like a USB token left in the
/// machine). Kept only in this process's memory, encrypted under a key made at start-up; never written anywhere.
/// </summary>
public sealed class SigningSessions(TimeProvider clock)
{
    private readonly byte[] _processKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<int, (byte[] Nonce, byte[] Tag, byte[] Sealed, DateTimeOffset Until)> _open = new();

    public void Open(int credentialId, byte[] pkcs8, TimeSpan lifetime)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var sealedKey = new byte[pkcs8.Length];
        using (var aes = new AesGcm(_processKey, 16)) aes.Encrypt(nonce, pkcs8, sealedKey, tag);
        CryptographicOperations.ZeroMemory(pkcs8);
        _open[credentialId] = (nonce, tag, sealedKey, clock.GetUtcNow() + lifetime);
    }

    public DateTimeOffset? OpenUntil(int credentialId) =>
        _open.TryGetValue(credentialId, out var s) && s.Until > clock.GetUtcNow() ? s.Until : null;

    /// <summary>The private key while the session lasts; null once it has expired or was closed.</summary>
    public AsymmetricAlgorithm? Key(int credentialId)
    {
        if (!_open.TryGetValue(credentialId, out var s)) return null;
        if (s.Until <= clock.GetUtcNow())
        {
            _open.TryRemove(credentialId, out _);
            return null;
        }
        var pkcs8 = new byte[s.Sealed.Length];
        using (var aes = new AesGcm(_processKey, 16)) aes.Decrypt(s.Nonce, s.Sealed, s.Tag, pkcs8);
        try
        {
            return Certificates.LoadPrivateKey(pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    public void Close(int credentialId) => _open.TryRemove(credentialId, out _);
}

/// <summary>An unlocked signing key with its credential; disposing it releases the key copy.</summary>
public sealed class UnlockedSigner(SigningCredential credential, KeySigner signer, IDisposable key) : IDisposable
{
    public SigningCredential Credential => credential;
    public KeySigner Signer => signer;
    public void Dispose() => key.Dispose();
}

/// <summary>An employee's own signing: enrol with a PIN, open and close a signing session, revoke a lost key, register an outside DSC.</summary>
public sealed class Enrolment(DaftarDb db, Pki pki, SigningSessions sessions, FileActions files, TimeProvider clock, AuditActor audit, OutsideRevocation revocation)
{
    public static readonly Error NotEnrolled = new("not_enrolled", "You have no signing certificate yet. Enrol first, choosing a signing PIN.", ErrorKind.Invalid);
    public static readonly Error Locked = new("signing_locked", "Signing is locked after five wrong PINs. Ask the administrator to unlock it, or enrol again.", ErrorKind.Conflict);
    public static readonly Error NoSession = new("pin_needed", "Enter your signing PIN to sign.", ErrorKind.Invalid, "pin");
    public static readonly Error EnrolledMeanwhile = new("enrolled_meanwhile", "Your signing certificate changed at the same moment (another enrolment). Look at it again before enrolling.", ErrorKind.Conflict);

    public async Task<Result<SigningStatus>> StatusAsync(CancellationToken ct)
    {
        if (await EmployeeIdAsync(ct) is not { } employeeId) return FileActions.NoPost;
        var credential = await ActiveAsync(employeeId, ct);
        var waiting = await db.SigningCredentials.AsNoTracking().Where(c => c.EmployeeId == employeeId && c.Status == CredentialStatus.AwaitingApproval)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        var revoked = credential is not null ? null : await LastRevokedAsync(employeeId, ct);
        return new SigningStatus(credential is not null, credential is null ? null : View(credential),
            credential is null ? null : sessions.OpenUntil(credential.Id), pki.Settings.SessionMinutes,
            credential is null ? 0 : Math.Max(0, SigningCredential.MaxPinAttempts - credential.FailedPinAttempts))
        {
            AwaitingApproval = waiting is null ? null : View(waiting),
            LastRevoked = revoked is null ? null : View(revoked),
        };
    }

    private Task<SigningCredential?> LastRevokedAsync(int employeeId, CancellationToken ct) =>
        db.SigningCredentials.AsNoTracking().Where(c => c.EmployeeId == employeeId && c.Status == CredentialStatus.Revoked)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);

    /// <summary>Why the employee cannot sign: revoked (when, why, what to do), waiting for approval, or never enrolled.</summary>
    private async Task<Error> NoCertificateAsync(int employeeId, CancellationToken ct)
    {
        if (await db.SigningCredentials.AnyAsync(c => c.EmployeeId == employeeId && c.Status == CredentialStatus.AwaitingApproval, ct))
            return SigningErrors.AwaitingApproval;
        if (await LastRevokedAsync(employeeId, ct) is { } revoked)
            return SigningErrors.OwnCertificateRevoked(Localisation.Time(revoked.RevokedAt ?? revoked.CreatedAt), revoked.RevocationReason ?? "—");
        return NotEnrolled;
    }

    /// <summary>
    /// The employee's signer, unlocked by the signing session or, when none is open, by the PIN given now (which opens
    /// one). Dispose it when done: the key copy it holds is then released.
    /// </summary>
    public async Task<Result<UnlockedSigner>> UnlockAsync(int employeeId, string? pin, CancellationToken ct)
    {
        var credential = await ActiveAsync(employeeId, ct);
        if (credential is null) return await NoCertificateAsync(employeeId, ct);
        if (credential.IsLocked) return Locked;
        if (sessions.Key(credential.Id) is null)
        {
            if (string.IsNullOrEmpty(pin)) return NoSession;
            var opened = await OpenSessionAsync(new PinCommand(pin), ct);
            if (!opened.Succeeded) return Result<UnlockedSigner>.Fail(opened.Errors);
        }
        var key = sessions.Key(credential.Id);
        if (key is null) return NoSession;
        var certificate = X509CertificateLoader.LoadCertificate(credential.Certificate);
        var chain = new X509Certificate2Collection();
        if (credential.Issuer is { } issuer) chain.Add(Pki.Load(issuer));
        var tsa = await pki.TimestampAuthorityAsync(ct);
        return new UnlockedSigner(credential, new KeySigner(certificate, key, chain, tsa, clock), key);
    }

    public async Task<Result<int>> EnrolAsync(EnrolCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        if (PinProblem(cmd.Pin) is { } problem) v.Add(problem);
        else if (cmd.ConfirmPin is not null && cmd.ConfirmPin != cmd.Pin) v.Add(SigningErrors.PinMismatch);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        if (await EmployeeIdAsync(ct) is not { } employeeId) return FileActions.NoPost;
        var employee = await db.Employees.SingleAsync(e => e.Id == employeeId, ct);
        var existing = await ActiveAsync(employeeId, ct);
        if (existing is not null && !cmd.Replace)
            return SigningErrors.AlreadyEnrolled;

        // The department of the employee's primary post issues the certificate.
        var today = clock.Today();
        var post = await db.PostAssignments.Where(a => a.EmployeeId == employeeId && a.From <= today && (a.To == null || a.To >= today))
            .OrderBy(a => a.Kind).Select(a => new { a.Post.Office.Department, a.Post.Code, a.PostId }).FirstOrDefaultAsync(ct);
        if (post is null) return FileActions.NoPost;
        audit.ActingPostId = post.PostId;
        var (ca, caKey) = await pki.IssuingCaAsync(post.Department, ct);
        var now = clock.GetUtcNow();
        var issued = Certificates.IssueSigningCertificate(Pki.Load(ca), caKey, pki.Settings.PointsOf(ca.Code), employee.NameEn, pki.Settings.Organisation,
            post.Department.Code, employee.Email, employee.Code, pki.Settings.UserKeyAlgorithm, now, pki.Settings.CertificateYears);
        var credential = new SigningCredential(employee, CredentialSource.Daftar, ca, issued.Certificate.RawData,
            pki.Settings.Protector.ProtectWithPin(issued.Pkcs8PrivateKey, cmd.Pin!), issued.Certificate.Subject, issued.Certificate.Issuer,
            Certificates.SerialHex(issued.Certificate), pki.Settings.UserKeyAlgorithm.ToString(), issued.Certificate.NotBefore.ToUniversalTime(),
            issued.Certificate.NotAfter.ToUniversalTime(), now);
        CryptographicOperations.ZeroMemory(issued.Pkcs8PrivateKey);
        if (existing is not null)
        {
            existing.Supersede(now);
            sessions.Close(existing.Id);
        }
        db.SigningCredentials.Add(credential);
        if (await SaveCredentialAsync(ct) is { } raced) return raced;
        if (existing?.Issuer is { } oldIssuer) await pki.PublishCrlAsync(oldIssuer, ct);
        return credential.Id;
    }

    /// <summary>Checks the PIN and opens a signing session; wrong PINs count, and the fifth locks signing.</summary>
    public async Task<Result<DateTimeOffset>> OpenSessionAsync(PinCommand cmd, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(cmd.Pin)) return NoSession;
        if (await EmployeeIdAsync(ct) is not { } employeeId) return FileActions.NoPost;
        var credential = await ActiveAsync(employeeId, ct);
        if (credential is null) return await NoCertificateAsync(employeeId, ct);
        if (credential.IsLocked) return Locked;
        var pkcs8 = pki.Settings.Protector.UnprotectWithPin(credential.ProtectedKey, cmd.Pin);
        if (pkcs8 is null)
        {
            var lockedNow = credential.WrongPin(clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another wrong PIN was counted at the same moment; count this one on the fresh row.
                db.ChangeTracker.Clear();
                return await OpenSessionAsync(cmd, ct);
            }
            if (lockedNow) return Locked;
            var left = SigningCredential.MaxPinAttempts - credential.FailedPinAttempts;
            return left == 1
                ? SigningErrors.WrongPinLastAttempt
                : SigningErrors.WrongPin(left);
        }
        credential.RightPin();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same credential changed at this moment (another tab opened a session, or a PIN was counted): start over.
            db.ChangeTracker.Clear();
            CryptographicOperations.ZeroMemory(pkcs8);
            return await OpenSessionAsync(cmd, ct);
        }
        var lifetime = TimeSpan.FromMinutes(pki.Settings.SessionMinutes);
        sessions.Open(credential.Id, pkcs8, lifetime);
        return clock.GetUtcNow() + lifetime;
    }

    public async Task<Result<int>> CloseSessionAsync(CancellationToken ct)
    {
        if (await EmployeeIdAsync(ct) is not { } employeeId) return FileActions.NoPost;
        if (await ActiveAsync(employeeId, ct) is { } credential) sessions.Close(credential.Id);
        return 0;
    }

    /// <summary>The employee revokes their own certificate (a lost or exposed key); signatures made before stay valid.</summary>
    public async Task<Result<int>> RevokeOwnAsync(RevokeCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var reason = v.Required(cmd.Reason, "reason", "Reason", 200);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        if (await EmployeeIdAsync(ct) is not { } employeeId) return FileActions.NoPost;
        if (await ActiveAsync(employeeId, ct) is not { } credential) return await NoCertificateAsync(employeeId, ct);
        return await RevokeAsync(db, pki, sessions, credential, reason!, clock.GetUtcNow(), ct);
    }

    /// <summary>Registers a DSC from a licensed CA (PKCS#12): the chain must reach a configured trust anchor.</summary>
    public async Task<Result<Registered>> RegisterExternalAsync(UploadedDocument? file, string? password, string? pin, CancellationToken ct)
    {
        var v = new Validation();
        var pfx = file is null ? null : await ReadSmallAsync(file, MaxPkcs12Bytes, ct);
        if (pfx is null || pfx.Length == 0) v.Add(Error.Required("file", "Certificate file (.p12/.pfx)"));
        else if (pfx.Length > MaxPkcs12Bytes) v.Add(SigningErrors.TooLarge(0.1));
        if (PinProblem(pin) is { } problem) v.Add(problem);
        if (v.Failed) return Result<Registered>.Fail(v.Errors);
        if (await EmployeeIdAsync(ct) is not { } employeeId) return FileActions.NoPost;

        X509Certificate2Collection bundle;
        try
        {
            bundle = X509CertificateLoader.LoadPkcs12Collection(pfx!, password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            return new Error("bad_pkcs12", "The file is not a PKCS#12 certificate file, or the password is wrong.", ErrorKind.Invalid, "file");
        }
        var certificate = bundle.FirstOrDefault(c => c.HasPrivateKey);
        if (certificate is null) return SigningErrors.NoPrivateKey;
        var now = clock.GetUtcNow();
        if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime || certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
            return SigningErrors.CertificateNotCurrent;
        if (certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
            && (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
            return SigningErrors.NotForSigning;
        var anchors = Pki.OutsideAnchors(pki.Settings);
        var chain = SignatureVerifier.Chain(certificate, new TrustContext(anchors, new X509Certificate2Collection(bundle.Where(c => !c.HasPrivateKey).ToArray()), _ => null, now), now);
        if (anchors.Count == 0 || chain.Problem is not null)
            return SigningErrors.UntrustedCertificate(anchors.Count == 0 ? "No outside certifying authorities are configured." : chain.Problem!.TrimEnd('.'));

        // One certificate, one holder: the same DSC registered by a second employee would let two people sign as one.
        var serial = Certificates.SerialHex(certificate);
        var holders = await db.SigningCredentials.Where(c => c.SerialHex == serial && c.IssuerName == certificate.Issuer && c.Status != CredentialStatus.Revoked)
            .Select(c => c.EmployeeId).Distinct().ToListAsync(ct);
        if (holders.Any(h => h != employeeId))
            return SigningErrors.CertificateHeldByAnother;

        // Signatures with it must be checkable: the issuer's current CRL, from the anchors folder or its distribution point.
        if (chain.Elements.Count > 1)
        {
            var crl = await revocation.CurrentCrlAsync(certificate, chain.Elements[1], ct);
            if (crl.Crl is null)
                return SigningErrors.RevocationUnavailable(crl.Tried.Count == 0 ? certificate.Issuer : string.Join(", ", crl.Tried));
            if (crl.Crl.RevokedAt(certificate) is not null)
                return SigningErrors.CertificateRevokedByAuthority;
        }
        byte[] pkcs8 = certificate.GetRSAPrivateKey() is { } rsa ? rsa.ExportPkcs8PrivateKey()
            : certificate.GetECDsaPrivateKey() is { } ec ? ec.ExportPkcs8PrivateKey()
            : throw new CryptographicException("Unsupported key.");

        var employee = await db.Employees.SingleAsync(e => e.Id == employeeId, ct);
        var credential = new SigningCredential(employee, CredentialSource.External, null, certificate.RawData, pki.Settings.Protector.ProtectWithPin(pkcs8, pin!),
            certificate.Subject, certificate.Issuer, serial, certificate.PublicKey.Oid.FriendlyName ?? "",
            certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), now);
        CryptographicOperations.ZeroMemory(pkcs8);
        // A certificate in someone else's name waits for the administrator; one in the employee's own name replaces
        // their current certificate at once.
        var named = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (DscNameRule.Matches(named, employee.NameEn, employee.NameHi))
        {
            if (await ActiveAsync(employeeId, ct) is { } existing)
            {
                existing.Supersede(now);
                sessions.Close(existing.Id);
            }
        }
        else
        {
            credential.AwaitApproval();
            foreach (var waiting in await db.SigningCredentials.Where(c => c.EmployeeId == employeeId && c.Status == CredentialStatus.AwaitingApproval).ToListAsync(ct))
                waiting.Supersede(now);
        }
        db.SigningCredentials.Add(credential);
        if (await SaveCredentialAsync(ct) is { } raced) return raced;
        return new Registered(credential.Id, credential.Status, named);
    }

    /// <summary>Saves a new credential; another enrolment of the same employee that won the race makes this one change nothing.</summary>
    private async Task<Error?> SaveCredentialAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || FileActions.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return EnrolledMeanwhile;
        }
    }

    public static async Task<Result<int>> RevokeAsync(DaftarDb db, Pki pki, SigningSessions sessions, SigningCredential credential, string reason, DateTimeOffset now, CancellationToken ct)
    {
        if (credential.Status is not (CredentialStatus.Active or CredentialStatus.AwaitingApproval))
            return SigningErrors.AlreadyRevoked;
        credential.Revoke(reason, now);
        sessions.Close(credential.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SigningErrors.AlreadyRevoked;
        }
        if (credential.IssuerId is { } issuerId) await pki.PublishCrlAsync(await db.Authorities.SingleAsync(a => a.Id == issuerId, ct), ct);
        return credential.Id;
    }

    /// <summary>A certificate file is a few kilobytes; anything past this is refused without being read further.</summary>
    private const int MaxPkcs12Bytes = 100_000;

    /// <summary>Reads at most <paramref name="limit"/> + 1 bytes, so that an oversized upload is known without reading all of it.</summary>
    private static async Task<byte[]> ReadSmallAsync(UploadedDocument file, int limit, CancellationToken ct)
    {
        await using var stream = file.Open();
        var buffer = new byte[limit + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), ct)) > 0) total += read;
        return buffer[..total];
    }

    /// <summary>The PIN rule: 6 to 12 digits, not all the same and not a run like 123456.</summary>
    public static Error? PinProblem(string? pin)
    {
        if (string.IsNullOrEmpty(pin)) return Error.Required("pin", "Signing PIN");
        if (pin.Length is < 6 or > 12 || !pin.All(char.IsAsciiDigit))
            return SigningErrors.PinFormat;
        var steps = pin.Zip(pin.Skip(1), (a, b) => b - a).Distinct().ToList();
        if (steps.Count == 1 && steps[0] is 0 or 1 or -1)
            return SigningErrors.PinWeak;
        return null;
    }

    public static CredentialView View(SigningCredential c) => new(c.Id, c.Source, c.Subject, c.IssuerName, c.SerialHex, c.Algorithm, c.NotBefore, c.NotAfter,
        c.Status, c.RevokedAt, c.RevocationReason, c.IsLocked, c.FailedPinAttempts);

    public Task<SigningCredential?> ActiveAsync(int employeeId, CancellationToken ct) =>
        db.SigningCredentials.Include(c => c.Issuer).SingleOrDefaultAsync(c => c.EmployeeId == employeeId && c.Status == CredentialStatus.Active, ct);

    private async Task<int?> EmployeeIdAsync(CancellationToken ct) => (await files.ViewerAsync(ct))?.EmployeeId;
}
