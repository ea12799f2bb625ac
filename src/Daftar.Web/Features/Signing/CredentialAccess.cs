using System.Collections.Concurrent;
using System.Security.Cryptography;
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

/// <summary>
/// What every signing operation shares: the caller's employee, their active certificate, why they have none, saving
/// a new credential against a racing enrolment, the PIN rule, revocation, and the certificate as the API shows it.
/// </summary>
public sealed class CredentialAccess(DaftarDb db, FileActions files)
{
    public Task<SigningCredential?> ActiveAsync(int employeeId, CancellationToken ct) =>
        db.SigningCredentials.Include(c => c.Issuer).SingleOrDefaultAsync(c => c.EmployeeId == employeeId && c.Status == CredentialStatus.Active, ct);

    public Task<SigningCredential?> LastRevokedAsync(int employeeId, CancellationToken ct) =>
        db.SigningCredentials.AsNoTracking().Where(c => c.EmployeeId == employeeId && c.Status == CredentialStatus.Revoked)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);

    /// <summary>Why the employee cannot sign: revoked (when, why, what to do), waiting for approval, or never enrolled.</summary>
    public async Task<Error> NoCertificateAsync(int employeeId, CancellationToken ct)
    {
        if (await db.SigningCredentials.AnyAsync(c => c.EmployeeId == employeeId && c.Status == CredentialStatus.AwaitingApproval, ct))
            return SigningErrors.AwaitingApproval;
        if (await LastRevokedAsync(employeeId, ct) is { } revoked)
            return SigningErrors.OwnCertificateRevoked(Localisation.Time(revoked.RevokedAt ?? revoked.CreatedAt), revoked.RevocationReason ?? "—");
        return SigningErrors.NotEnrolled;
    }

    /// <summary>Saves a new credential; another enrolment of the same employee that won the race makes this one change nothing.</summary>
    public async Task<Error?> SaveNewAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || FileActions.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return SigningErrors.EnrolledMeanwhile;
        }
    }

    public async Task<int?> EmployeeIdAsync(CancellationToken ct) => (await files.ViewerAsync(ct))?.EmployeeId;

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
}
