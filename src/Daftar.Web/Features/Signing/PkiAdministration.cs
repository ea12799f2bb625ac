using Daftar.Data;
using Daftar.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Signing;

public sealed record AuthorityView(int Id, AuthorityKind Kind, string Code, string? DepartmentCode, string Subject, string SerialHex, DateTimeOffset NotBefore,
    DateTimeOffset NotAfter, bool IsCurrent, DateTimeOffset? CrlThisUpdate, DateTimeOffset? CrlNextUpdate, string CertificateUrl, string? CrlUrl);
public sealed record CredentialRow(CredentialView Credential, string EmployeeCode, string EmployeeNameEn, string EmployeeNameHi);

/// <summary>The administrator's side of signing: Daftar's CAs, every employee's certificate, revoke, unlock, renew a department CA.</summary>
public sealed class PkiAdministration(DaftarDb db, Pki pki, SigningSessions sessions, TimeProvider clock)
{
    public async Task<IReadOnlyList<AuthorityView>> AuthoritiesAsync(CancellationToken ct)
    {
        var list = await db.Authorities.AsNoTracking().OrderBy(a => a.Kind).ThenBy(a => a.Code)
            .Select(a => new
            {
                a.Id,
                a.Kind,
                a.Code,
                Department = a.Department == null ? null : a.Department.Code,
                a.Subject,
                a.SerialHex,
                a.NotBefore,
                a.NotAfter,
                a.IsCurrent,
                a.CrlThisUpdate,
                a.CrlNextUpdate
            })
            .ToListAsync(ct);
        return list.Select(a => new AuthorityView(a.Id, a.Kind, a.Code, a.Department, a.Subject, a.SerialHex, a.NotBefore, a.NotAfter, a.IsCurrent,
            a.CrlThisUpdate, a.CrlNextUpdate,
            a.Kind switch { AuthorityKind.Root => "/pki/root.crt", AuthorityKind.Timestamping => "/pki/tsa.crt", _ => $"/pki/ca/{a.Code}.crt" },
            a.Kind == AuthorityKind.Timestamping ? null : $"/pki/crl/{a.Code}.crl")).ToList();
    }

    public async Task<IReadOnlyList<CredentialRow>> CredentialsAsync(string? employeeCode, CancellationToken ct)
    {
        var query = db.SigningCredentials.AsNoTracking().Include(c => c.Employee).AsQueryable();
        if (Daftar.People.Text.Clean(employeeCode)?.ToUpperInvariant() is { } code) query = query.Where(c => c.Employee.Code == code);
        var rows = await query.OrderByDescending(c => c.Id).Take(500).ToListAsync(ct);
        return rows.Select(c => new CredentialRow(CredentialAccess.View(c), c.Employee.Code, c.Employee.NameEn, c.Employee.NameHi)).ToList();
    }

    public async Task<Result<int>> RevokeAsync(int credentialId, RevokeCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var reason = v.Required(cmd.Reason, "reason", "Reason", 200);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        var credential = await db.SigningCredentials.SingleOrDefaultAsync(c => c.Id == credentialId, ct);
        if (credential is null) return Error.NotFound("Certificate");
        return await CredentialAccess.RevokeAsync(db, pki, sessions, credential, reason!, clock.GetUtcNow(), ct);
    }

    public async Task<Result<int>> RevokeBySerialAsync(string serialHex, string reason, CancellationToken ct)
    {
        var id = await db.SigningCredentials.Where(c => c.SerialHex == serialHex.ToUpperInvariant()).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct);
        return id is null ? Error.NotFound("Certificate") : await RevokeAsync(id.Value, new RevokeCommand(reason), ct);
    }

    /// <summary>
    /// The administrator vouches that an outside DSC in another name is the employee's; it replaces their current
    /// certificate. The audit trail records who approved it (the event's actor) and when.
    /// </summary>
    public async Task<Result<int>> ApproveAsync(int credentialId, CancellationToken ct)
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

    public async Task<Result<int>> UnlockAsync(int credentialId, CancellationToken ct)
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

    /// <summary>A new issuing CA for the department (a key rollover); certificates already issued keep verifying.</summary>
    public async Task<Result<int>> RenewDepartmentCaAsync(string departmentCode, CancellationToken ct)
    {
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Code == departmentCode.ToUpperInvariant(), ct);
        if (department is null) return Error.NotFound("Department");
        return (await pki.CreateIssuingCaAsync(department, ct)).Id;
    }

    /// <summary>Publishes fresh CRLs for every CA (on schedule, and when asked).</summary>
    public async Task<int> PublishAllCrlsAsync(CancellationToken ct)
    {
        var authorities = await db.Authorities.Where(a => a.Kind != AuthorityKind.Timestamping).ToListAsync(ct);
        foreach (var a in authorities) await pki.PublishCrlAsync(a, ct);
        return authorities.Count;
    }

    /// <summary>The CRL of a CA by its code, refreshed first if it is missing or past its next update.</summary>
    public async Task<byte[]?> CrlAsync(string code, CancellationToken ct)
    {
        var ca = await db.Authorities.SingleOrDefaultAsync(a => a.Code == code && a.Kind != AuthorityKind.Timestamping, ct);
        if (ca is null) return null;
        if (ca.Crl is null || ca.CrlNextUpdate is null || ca.CrlNextUpdate < clock.GetUtcNow().AddDays(1)) return await pki.PublishCrlAsync(ca, ct);
        return ca.Crl;
    }
}

/// <summary>Refreshes every CRL on schedule (Signing:CrlRefreshHours, default 24), well before they expire.</summary>
public sealed class CrlPublisher(IServiceScopeFactory scopes, SigningSettings settings, ILogger<CrlPublisher> logger) : Infrastructure.PeriodicWork(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(settings.CrlRefreshHours);

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<PkiAdministration>().PublishAllCrlsAsync(ct);
}
