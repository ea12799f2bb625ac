using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.People;

public sealed record SavePostCommand(string? Code, string? DesignationCode, int OfficeId, int? SectionId, int? ReportsToId, int? Level);

/// <summary>Creates a post, or moves an existing one (designation, office, section, reporting line, level).</summary>
public sealed class SavePost(DaftarDb db)
{
    public async Task<Result<int>> HandleAsync(int? id, SavePostCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var code = id is null ? v.Code(cmd.Code, "code", "Post code", 60) : null;
        var designationCode = v.Required(cmd.DesignationCode, "designationCode", "Designation", 40)?.ToUpperInvariant();
        if (cmd.Level is < 1 or > 20) v.Add(PeopleErrors.InvalidLevel);
        if (v.Failed) return Result<int>.Fail(v.Errors);

        var designation = await db.Designations.SingleOrDefaultAsync(d => d.Code == designationCode, ct);
        if (designation is null) return Error.Unknown("designationCode", "Designation");
        var office = await db.Offices.SingleOrDefaultAsync(o => o.Id == cmd.OfficeId, ct);
        if (office is null) return Error.Unknown("officeId", "Office");
        Section? section = null;
        if (cmd.SectionId is not null)
        {
            section = await db.Sections.SingleOrDefaultAsync(s => s.Id == cmd.SectionId, ct);
            if (section is null || section.OfficeId != office.Id)
                return PeopleErrors.SectionNotInOffice;
        }
        Post? reportsTo = null;
        if (cmd.ReportsToId is not null)
        {
            reportsTo = await db.Posts.SingleOrDefaultAsync(p => p.Id == cmd.ReportsToId, ct);
            if (reportsTo is null) return Error.Unknown("reportsToId", "Reporting post");
            // Load the reporting chain so the loop check sees all of it.
            var above = reportsTo;
            for (var hops = 0; above.ReportsToId is not null && hops < 100; hops++)
            {
                var next = above.ReportsToId;
                above = above.ReportsTo ?? await db.Posts.SingleAsync(x => x.Id == next, ct);
            }
        }

        Post post;
        if (id is null)
        {
            if (await db.Posts.AnyAsync(p => p.Code == code, ct))
                return PeopleErrors.DuplicatePostCode(code!);
            post = new Post(code!, designation, office, section, reportsTo);
            if (cmd.Level is { } level) post.Move(designation, office, section, reportsTo, level);
            db.Posts.Add(post);
        }
        else
        {
            var existing = await db.Posts.SingleOrDefaultAsync(p => p.Id == id, ct);
            if (existing is null) return Error.NotFound("Post");
            post = existing;
            var refused = post.Move(designation, office, section, reportsTo, cmd.Level ?? designation.Level);
            if (refused is not null) return new Error(refused.Code, refused.Message, ErrorKind.Invalid, "reportsToId");
        }
        await db.SaveChangesAsync(ct);
        return post.Id;
    }
}
