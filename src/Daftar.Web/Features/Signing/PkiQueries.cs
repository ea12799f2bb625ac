using Daftar.Data;
using Daftar.Signing;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Signing;

public sealed record AuthorityView(int Id, AuthorityKind Kind, string Code, string? DepartmentCode, string Subject, string SerialHex, DateTimeOffset NotBefore,
    DateTimeOffset NotAfter, bool IsCurrent, DateTimeOffset? CrlThisUpdate, DateTimeOffset? CrlNextUpdate, string CertificateUrl, string? CrlUrl);
public sealed record CredentialRow(CredentialView Credential, string EmployeeCode, string EmployeeNameEn, string EmployeeNameHi);

/// <summary>What the administrator and the public read of Daftar's PKI: its CAs, every employee's certificate, each CA's CRL.</summary>
public sealed class PkiQueries(DaftarDb db, Pki pki, TimeProvider clock)
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

    /// <summary>The CRL of a CA by its code, refreshed first if it is missing or past its next update.</summary>
    public async Task<byte[]?> CrlAsync(string code, CancellationToken ct)
    {
        var ca = await db.Authorities.SingleOrDefaultAsync(a => a.Code == code && a.Kind != AuthorityKind.Timestamping, ct);
        if (ca is null) return null;
        if (ca.Crl is null || ca.CrlNextUpdate is null || ca.CrlNextUpdate < clock.GetUtcNow().AddDays(1)) return await pki.PublishCrlAsync(ca, ct);
        return ca.Crl;
    }
}
