using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.People.Admin;

/// <summary>Where a post sits, as typed on the admin pages (codes), resolved to ids; errors name the fields.</summary>
public sealed record PostPlacement(int? OfficeId, int? SectionId, int? ReportsToId, IReadOnlyList<Error> Errors)
{
    public static async Task<PostPlacement> ResolveAsync(DaftarDb db, string? officeCode, string? sectionCode, string? reportsToCode, CancellationToken ct)
    {
        var errors = new List<Error>();
        var office = Daftar.People.Text.Clean(officeCode)?.ToUpperInvariant();
        var officeId = office is null ? null : await db.Offices.Where(o => o.Code == office).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct);
        if (officeId is null) errors.Add(office is null ? Error.Required("officeCode", "Office code") : Error.Unknown("officeCode", "Office"));
        int? sectionId = null;
        if (officeId is not null && Daftar.People.Text.Clean(sectionCode)?.ToUpperInvariant() is { } section)
        {
            sectionId = await db.Sections.Where(s => s.OfficeId == officeId && s.Code == section).Select(s => (int?)s.Id).SingleOrDefaultAsync(ct);
            if (sectionId is null) errors.Add(Error.Unknown("sectionCode", "Section"));
        }
        int? reportsToId = null;
        if (Daftar.People.Text.Clean(reportsToCode)?.ToUpperInvariant() is { } reportsTo)
        {
            reportsToId = await db.Posts.Where(p => p.Code == reportsTo).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
            if (reportsToId is null) errors.Add(Error.Unknown("reportsToCode", "Reporting post"));
        }
        return new PostPlacement(officeId, sectionId, reportsToId, errors);
    }
}
