using Daftar.Data;
using Daftar.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Signing;

/// <summary>The administrator revokes an employee's certificate (by its id, or by serial from the command line); the CRL is published at once.</summary>
public sealed class RevokeCertificate(DaftarDb db, Pki pki, SigningSessions sessions, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int credentialId, RevokeCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var reason = v.Required(cmd.Reason, "reason", "Reason", 200);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        var credential = await db.SigningCredentials.SingleOrDefaultAsync(c => c.Id == credentialId, ct);
        if (credential is null) return Error.NotFound("Certificate");
        return await CredentialAccess.RevokeAsync(db, pki, sessions, credential, reason!, clock.GetUtcNow(), ct);
    }

    public async Task<Result<int>> BySerialAsync(string serialHex, string reason, CancellationToken ct)
    {
        var id = await db.SigningCredentials.Where(c => c.SerialHex == serialHex.ToUpperInvariant()).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct);
        return id is null ? Error.NotFound("Certificate") : await HandleAsync(id.Value, new RevokeCommand(reason), ct);
    }
}

/// <summary>
/// The administrator vouches that an outside DSC in another name is the employee's; it replaces their current
/// certificate. The audit trail records who approved it (the event's actor) and when.
/// </summary>
public sealed class ApproveCertificate(DaftarDb db, SigningSessions sessions, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int credentialId, CancellationToken ct)
    {
        var credential = await db.SigningCredentials.SingleOrDefaultAsync(c => c.Id == credentialId, ct);
        if (credential is null) return Error.NotFound("Certificate");
        var current = await db.SigningCredentials.SingleOrDefaultAsync(c => c.EmployeeId == credential.EmployeeId && c.Status == CredentialStatus.Active, ct);
        if (!credential.Approve()) return SigningErrors.NotAwaitingApproval;
        if (current is not null)
        {
            current.Supersede(clock.GetUtcNow());
            sessions.Close(current.Id);
        }
        try
        {
            // The old certificate steps aside before the approved one becomes the employee's only active one.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || Files.FileActions.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return SigningErrors.ChangedMeanwhile;
        }
        return credential.Id;
    }
}

/// <summary>The administrator lifts the lock that too many wrong PINs put on a certificate.</summary>
public sealed class UnlockCertificate(DaftarDb db)
{
    public async Task<Result<int>> HandleAsync(int credentialId, CancellationToken ct)
    {
        var credential = await db.SigningCredentials.SingleOrDefaultAsync(c => c.Id == credentialId, ct);
        if (credential is null) return Error.NotFound("Certificate");
        credential.Unlock();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SigningErrors.ChangedMeanwhile;
        }
        return credential.Id;
    }
}

/// <summary>A new issuing CA for the department (a key rollover); certificates already issued keep verifying.</summary>
public sealed class RenewDepartmentCa(DaftarDb db, Pki pki)
{
    public async Task<Result<int>> HandleAsync(string departmentCode, CancellationToken ct)
    {
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Code == departmentCode.ToUpperInvariant(), ct);
        if (department is null) return Error.NotFound("Department");
        return (await pki.CreateIssuingCaAsync(department, ct)).Id;
    }
}

/// <summary>Publishes fresh CRLs for every CA (on schedule, and when asked).</summary>
public sealed class PublishCrls(DaftarDb db, Pki pki)
{
    public async Task<int> HandleAsync(CancellationToken ct)
    {
        var authorities = await db.Authorities.Where(a => a.Kind != AuthorityKind.Timestamping).ToListAsync(ct);
        foreach (var a in authorities) await pki.PublishCrlAsync(a, ct);
        return authorities.Count;
    }
}
/// <summary>Refreshes every CRL on schedule (Signing:CrlRefreshHours, default 24), well before they expire.</summary>
public sealed class CrlPublisher(IServiceScopeFactory scopes, SigningSettings settings, ILogger<CrlPublisher> logger) : Infrastructure.PeriodicWork(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(settings.CrlRefreshHours);

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<PublishCrls>().HandleAsync(ct);
}
