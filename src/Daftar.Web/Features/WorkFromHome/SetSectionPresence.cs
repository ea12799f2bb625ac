using Daftar.Data;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>How many of a section's people must be in the office on every working day (0: nobody needs to be).</summary>
public sealed record SectionPresenceCommand(int MinimumInOffice);

/// <summary>A section of the office, its active posts and the minimum the rosters keep in the office each working day.</summary>
public sealed record SectionPresenceView(int SectionId, string Code, string NameEn, string NameHi, int Posts, int MinimumInOffice);

/// <summary>
/// The head of the office (or an administrator) says which sections need someone in every working day — the dak counter,
/// the strong room — and how many; rosters made afterwards keep it, and the roster check names a day that falls short.
/// </summary>
public sealed class SetSectionPresence(DaftarDb db, WorkFromHomeAccess access)
{
    public async Task<Result<SectionPresenceView>> HandleAsync(int sectionId, SectionPresenceCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var section = await db.Sections.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sectionId, ct);
        if (section is null || !(viewer.IsAdministrator || viewer.OfficeId == section.OfficeId)) return Error.NotFound("Section");
        if (!WorkFromHomeAccess.HeadsOffice(viewer, section.OfficeId)) return WorkFromHomeErrors.NotOfficeHead;
        var posts = await db.Posts.CountAsync(p => p.SectionId == sectionId && p.IsActive, ct);
        var presence = await db.SectionPresence.SingleOrDefaultAsync(p => p.SectionId == sectionId, ct);
        if (presence is null)
        {
            if (SectionPresence.Check(cmd.MinimumInOffice, posts) is { } refused) return WorkFromHomeErrors.From(refused);
            db.SectionPresence.Add(presence = new SectionPresence(sectionId, cmd.MinimumInOffice));
        }
        else if (presence.Require(cmd.MinimumInOffice, posts) is { } refused) return WorkFromHomeErrors.From(refused);
        await db.SaveChangesAsync(ct);
        return new SectionPresenceView(section.Id, section.Code, section.NameEn, section.NameHi, posts, presence.MinimumInOffice);
    }

    /// <summary>The office's sections with their minimum (read by anyone of the office and administrators).</summary>
    public async Task<Result<IReadOnlyList<SectionPresenceView>>> ListAsync(int officeId, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        if (!viewer.IsAdministrator && viewer.OfficeId != officeId) return Error.NotFound("Office");
        var rows = await db.Sections.AsNoTracking().Where(s => s.OfficeId == officeId).OrderBy(s => s.Code)
            .Select(s => new SectionPresenceView(s.Id, s.Code, s.NameEn, s.NameHi, db.Posts.Count(p => p.SectionId == s.Id && p.IsActive),
                db.SectionPresence.Where(p => p.SectionId == s.Id).Select(p => p.MinimumInOffice).FirstOrDefault()))
            .ToListAsync(ct);
        return rows;
    }
}
