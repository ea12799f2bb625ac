using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.People;

public sealed record SaveDesignationCommand(string? Code, string? NameEn, string? NameHi, int Level);

public sealed class CreateDesignation(DaftarDb db)
{
    public async Task<Result<int>> HandleAsync(SaveDesignationCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var code = v.Code(cmd.Code, "code", "Designation code", 40);
        var nameEn = v.Required(cmd.NameEn, "nameEn", "Name (English)", 200);
        var nameHi = v.Required(cmd.NameHi, "nameHi", "Name (Hindi)", 200);
        if (cmd.Level is < 1 or > 20) v.Add(PeopleErrors.InvalidLevel);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        if (await db.Designations.AnyAsync(d => d.Code == code, ct))
            return PeopleErrors.DuplicateDesignationCode(code!);
        var designation = new Designation(code!, nameEn!, nameHi!, cmd.Level);
        db.Designations.Add(designation);
        await db.SaveChangesAsync(ct);
        return designation.Id;
    }
}
