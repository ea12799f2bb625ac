using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Daftar.Data;
using Daftar.Signing;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Signing;

/// <summary>Checks the PIN and opens a signing session; wrong PINs count, and the fifth locks signing.</summary>
public sealed class OpenSigningSession(DaftarDb db, Pki pki, SigningSessions sessions, CredentialAccess credentials, TimeProvider clock)
{
    public async Task<Result<DateTimeOffset>> HandleAsync(PinCommand cmd, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(cmd.Pin)) return SigningErrors.NoSession;
        if (await credentials.EmployeeIdAsync(ct) is not { } employeeId) return FilesErrors.NoPost;
        var credential = await credentials.ActiveAsync(employeeId, ct);
        if (credential is null) return await credentials.NoCertificateAsync(employeeId, ct);
        if (credential.IsLocked) return SigningErrors.Locked;
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
                return await HandleAsync(cmd, ct);
            }
            if (lockedNow) return SigningErrors.Locked;
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
            return await HandleAsync(cmd, ct);
        }
        var lifetime = TimeSpan.FromMinutes(pki.Settings.SessionMinutes);
        sessions.Open(credential.Id, pkcs8, lifetime);
        return clock.GetUtcNow() + lifetime;
    }
}

/// <summary>Locks signing again: the session's key copy is dropped.</summary>
public sealed class CloseSigningSession(SigningSessions sessions, CredentialAccess credentials)
{
    public async Task<Result<int>> HandleAsync(CancellationToken ct)
    {
        if (await credentials.EmployeeIdAsync(ct) is not { } employeeId) return FilesErrors.NoPost;
        if (await credentials.ActiveAsync(employeeId, ct) is { } credential) sessions.Close(credential.Id);
        return 0;
    }
}

/// <summary>
/// The employee's signer, unlocked by the signing session or, when none is open, by the PIN given now (which opens
/// one). Dispose it when done: the key copy it holds is then released. Letters, minutes and notes sign through it.
/// </summary>
public sealed class UnlockSigner(Pki pki, SigningSessions sessions, CredentialAccess credentials, OpenSigningSession open, TimeProvider clock)
{
    public async Task<Result<UnlockedSigner>> HandleAsync(int employeeId, string? pin, CancellationToken ct)
    {
        var credential = await credentials.ActiveAsync(employeeId, ct);
        if (credential is null) return await credentials.NoCertificateAsync(employeeId, ct);
        if (credential.IsLocked) return SigningErrors.Locked;
        if (sessions.Key(credential.Id) is null)
        {
            if (string.IsNullOrEmpty(pin)) return SigningErrors.NoSession;
            var opened = await open.HandleAsync(new PinCommand(pin), ct);
            if (!opened.Succeeded) return Result<UnlockedSigner>.Fail(opened.Errors);
        }
        var key = sessions.Key(credential.Id);
        if (key is null) return SigningErrors.NoSession;
        var certificate = X509CertificateLoader.LoadCertificate(credential.Certificate);
        var chain = new X509Certificate2Collection();
        if (credential.Issuer is { } issuer) chain.Add(Pki.Load(issuer));
        var tsa = await pki.TimestampAuthorityAsync(ct);
        return new UnlockedSigner(credential, new KeySigner(certificate, key, chain, tsa, clock), key);
    }
}
