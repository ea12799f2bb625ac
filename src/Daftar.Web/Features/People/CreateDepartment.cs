using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.People;

public sealed record SaveDepartmentCommand(string? Code, string? NameEn, string? NameHi, string? FileHead);

public sealed class CreateDepartment(DaftarDb db)
{
    public async Task<Result<int>> HandleAsync(SaveDepartmentCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var code = v.Code(cmd.Code, "code", "Department code", 20);
        var nameEn = v.Required(cmd.NameEn, "nameEn", "Name (English)", 200);
        var nameHi = v.Required(cmd.NameHi, "nameHi", "Name (Hindi)", 200);
        var head = v.Code(cmd.FileHead ?? cmd.Code, "fileHead", "File head", 20);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        if (await db.Departments.AnyAsync(d => d.Code == code, ct))
            return PeopleErrors.DuplicateDepartmentCode(code!);
        var department = new Department(code!, nameEn!, nameHi!, head!);
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        return department.Id;
    }
}
