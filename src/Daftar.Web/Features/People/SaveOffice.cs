using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.People;

public sealed record SaveOfficeCommand(string? Code, string? NameEn, string? NameHi, OfficeType Type, string? DepartmentCode, int? ParentId);

/// <summary>Creates an office under a parent, or renames and retypes an existing one.</summary>
public sealed class SaveOffice(DaftarDb db)
{
    public async Task<Result<int>> HandleAsync(int? id, SaveOfficeCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var code = id is null ? v.Code(cmd.Code, "code", "Office code", 40) : null;
        var nameEn = v.Required(cmd.NameEn, "nameEn", "Name (English)", 200);
        var nameHi = v.Required(cmd.NameHi, "nameHi", "Name (Hindi)", 200);
        if (!Enum.IsDefined(cmd.Type)) v.Add(PeopleErrors.InvalidType);
        if (v.Failed) return Result<int>.Fail(v.Errors);

        if (id is not null)
        {
            var existing = await db.Offices.SingleOrDefaultAsync(o => o.Id == id, ct);
            if (existing is null) return Error.NotFound("Office");
            existing.Update(nameEn!, nameHi!, cmd.Type);
            await db.SaveChangesAsync(ct);
            return existing.Id;
        }

        var department = await db.Departments.SingleOrDefaultAsync(d => d.Code == (cmd.DepartmentCode ?? "").ToUpper(), ct);
        if (department is null) return Error.Unknown("departmentCode", "Department");
        Office? parent = null;
        if (cmd.ParentId is not null)
        {
            parent = await db.Offices.SingleOrDefaultAsync(o => o.Id == cmd.ParentId, ct);
            if (parent is null) return Error.Unknown("parentId", "Parent office");
        }
        if (await db.Offices.AnyAsync(o => o.Code == code, ct))
            return PeopleErrors.DuplicateOfficeCode(code!);
        var office = new Office(code!, nameEn!, nameHi!, cmd.Type, department, parent);
        db.Offices.Add(office);
        await db.SaveChangesAsync(ct);
        return office.Id;
    }
}

public sealed record SaveSectionCommand(int OfficeId, string? Code, string? NameEn, string? NameHi);

/// <summary>Adds a section to an office.</summary>
public sealed class CreateSection(DaftarDb db)
{
    public async Task<Result<int>> HandleAsync(SaveSectionCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var code = v.Code(cmd.Code, "code", "Section code", 20);
        var nameEn = v.Required(cmd.NameEn, "nameEn", "Name (English)", 200);
        var nameHi = v.Required(cmd.NameHi, "nameHi", "Name (Hindi)", 200);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        var office = await db.Offices.SingleOrDefaultAsync(o => o.Id == cmd.OfficeId, ct);
        if (office is null) return Error.NotFound("Office");
        if (await db.Sections.AnyAsync(s => s.OfficeId == office.Id && s.Code == code, ct))
            return PeopleErrors.DuplicateSectionCode(code!);
        var section = new Section(office, code!, nameEn!, nameHi!);
        db.Sections.Add(section);
        await db.SaveChangesAsync(ct);
        return section.Id;
    }
}
