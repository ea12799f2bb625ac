using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Daftar.Data;
using Daftar.Signing;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Signing;

/// <summary>Your signing: the certificate, whether signing is locked, and until when a session is open.</summary>
public sealed class MySigningStatus(DaftarDb db, Pki pki, SigningSessions sessions, CredentialAccess credentials)
{
    public async Task<Result<SigningStatus>> HandleAsync(CancellationToken ct)
    {
        if (await credentials.EmployeeIdAsync(ct) is not { } employeeId) return FilesErrors.NoPost;
        var credential = await credentials.ActiveAsync(employeeId, ct);
        var waiting = await db.SigningCredentials.AsNoTracking().Where(c => c.EmployeeId == employeeId && c.Status == CredentialStatus.AwaitingApproval)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        var revoked = credential is not null ? null : await credentials.LastRevokedAsync(employeeId, ct);
        return new SigningStatus(credential is not null, credential is null ? null : CredentialAccess.View(credential),
            credential is null ? null : sessions.OpenUntil(credential.Id), pki.Settings.SessionMinutes,
            credential is null ? 0 : Math.Max(0, SigningCredential.MaxPinAttempts - credential.FailedPinAttempts))
        {
            AwaitingApproval = waiting is null ? null : CredentialAccess.View(waiting),
            LastRevoked = revoked is null ? null : CredentialAccess.View(revoked),
        };
    }
}

/// <summary>Issues the employee's signing certificate from their department's CA; the key is kept encrypted under their PIN.</summary>
public sealed class EnrolForSigning(DaftarDb db, Pki pki, SigningSessions sessions, CredentialAccess credentials, TimeProvider clock, AuditActor audit)
{
    public async Task<Result<int>> HandleAsync(EnrolCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        if (CredentialAccess.PinProblem(cmd.Pin) is { } problem) v.Add(problem);
        else if (cmd.ConfirmPin is not null && cmd.ConfirmPin != cmd.Pin) v.Add(SigningErrors.PinMismatch);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        if (await credentials.EmployeeIdAsync(ct) is not { } employeeId) return FilesErrors.NoPost;
        var employee = await db.Employees.SingleAsync(e => e.Id == employeeId, ct);
        var existing = await credentials.ActiveAsync(employeeId, ct);
        if (existing is not null && !cmd.Replace)
            return SigningErrors.AlreadyEnrolled;

        // The department of the employee's primary post issues the certificate.
        var today = clock.Today();
        var post = await db.PostAssignments.Where(a => a.EmployeeId == employeeId && a.From <= today && (a.To == null || a.To >= today))
            .OrderBy(a => a.Kind).Select(a => new { a.Post.Office.Department, a.Post.Code, a.PostId }).FirstOrDefaultAsync(ct);
        if (post is null) return FilesErrors.NoPost;
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
        if (await credentials.SaveNewAsync(ct) is { } raced) return raced;
        if (existing?.Issuer is { } oldIssuer) await pki.PublishCrlAsync(oldIssuer, ct);
        return credential.Id;
    }
}

/// <summary>The employee revokes their own certificate (a lost or exposed key); signatures made before stay valid.</summary>
public sealed class RevokeOwnCertificate(DaftarDb db, Pki pki, SigningSessions sessions, CredentialAccess credentials, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(RevokeCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var reason = v.Required(cmd.Reason, "reason", "Reason", 200);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        if (await credentials.EmployeeIdAsync(ct) is not { } employeeId) return FilesErrors.NoPost;
        if (await credentials.ActiveAsync(employeeId, ct) is not { } credential) return await credentials.NoCertificateAsync(employeeId, ct);
        return await CredentialAccess.RevokeAsync(db, pki, sessions, credential, reason!, clock.GetUtcNow(), ct);
    }
}

/// <summary>Registers a DSC from a licensed CA (PKCS#12): the chain must reach a configured trust anchor.</summary>
public sealed class RegisterOutsideCertificate(DaftarDb db, Pki pki, SigningSessions sessions, CredentialAccess credentials, TimeProvider clock,
    OutsideRevocation revocation)
{
    public async Task<Result<Registered>> HandleAsync(UploadedDocument? file, string? password, string? pin, CancellationToken ct)
    {
        var v = new Validation();
        var pfx = file is null ? null : await ReadSmallAsync(file, MaxPkcs12Bytes, ct);
        if (pfx is null || pfx.Length == 0) v.Add(Error.Required("file", "Certificate file (.p12/.pfx)"));
        else if (pfx.Length > MaxPkcs12Bytes) v.Add(SigningErrors.TooLarge(0.1));
        if (CredentialAccess.PinProblem(pin) is { } problem) v.Add(problem);
        if (v.Failed) return Result<Registered>.Fail(v.Errors);
        if (await credentials.EmployeeIdAsync(ct) is not { } employeeId) return FilesErrors.NoPost;

        X509Certificate2Collection bundle;
        try
        {
            bundle = X509CertificateLoader.LoadPkcs12Collection(pfx!, password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            return SigningErrors.BadPkcs12;
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
            if (await credentials.ActiveAsync(employeeId, ct) is { } existing)
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
        if (await credentials.SaveNewAsync(ct) is { } raced) return raced;
        return new Registered(credential.Id, credential.Status, named);
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
}
