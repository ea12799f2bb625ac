using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.People;

/// <param name="EndPostings">When an employee who holds posts is made inactive: true ends their postings (the last day
/// is yesterday, so the posts are vacant today), false keeps them (leave, suspension); left out, the save is refused and
/// the administrator is asked.</param>
public sealed record SaveEmployeeCommand(string? Code, string? NameEn, string? NameHi, string? Email, string? Mobile, bool IsActive = true, bool? EndPostings = null);

/// <summary>Creates an employee, or updates the one with the given id; the employee code cannot change.</summary>
public sealed class SaveEmployee(DaftarDb db, TimeProvider clock, IEnumerable<IRelievingCheck> checks)
{
    public const string PostingsRemain = "postings_remain";

    public async Task<Result<int>> HandleAsync(int? id, SaveEmployeeCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        var code = id is null ? v.Code(cmd.Code, "code", "Employee code", 40) : null;
        var nameEn = v.Required(cmd.NameEn, "nameEn", "Name (English)", 200);
        var nameHi = v.Required(cmd.NameHi, "nameHi", "Name (Hindi)", 200);
        var email = v.Email(cmd.Email, "email", "E-mail");
        var mobile = v.Mobile(cmd.Mobile, "mobile", "Mobile");
        if (v.Failed) return Result<int>.Fail(v.Errors);

        Employee? employee;
        if (id is null)
        {
            if (await db.Employees.AnyAsync(e => e.Code == code, ct))
                return PeopleErrors.DuplicateEmployeeCode(code!);
            employee = new Employee(code!, nameEn!, nameHi!, email, mobile);
            db.Employees.Add(employee);
        }
        else
        {
            employee = await db.Employees.SingleOrDefaultAsync(e => e.Id == id, ct);
            if (employee is null) return Error.NotFound("Employee");
            employee.Update(nameEn!, nameHi!, email, mobile);
        }
        var leaving = employee.IsActive && !cmd.IsActive && id is not null;
        employee.SetActive(cmd.IsActive);
        if (leaving && await IRelievingCheck.AllAsync(checks, employee.Id, null, ct) is { Count: > 0 } stillHeld)
            return PeopleErrors.StillHolds(stillHeld);
        if (leaving)
        {
            var today = clock.Today();
            var held = await db.PostAssignments.Where(a => a.EmployeeId == employee.Id && (a.To == null || a.To >= today)).ToListAsync(ct);
            if (held.Count > 0 && cmd.EndPostings is null)
                return new Error(PostingsRemain, "The employee still holds {0} posting(s). Say whether to end them from today or keep them.", ErrorKind.Conflict, "endPostings", held.Count);
            if (cmd.EndPostings == true)
            {
                foreach (var posting in held) posting.End(today.AddDays(-1));
            }
            // Made inactive: every session and token of theirs ends now (a new security stamp for cookies issued before
            // sessions existed), and sign-in is refused (ActiveEmployeeConfirmation).
            foreach (var account in await db.Users.Where(a => a.EmployeeId == employee.Id).ToListAsync(ct))
            {
                account.SecurityStamp = Guid.NewGuid().ToString("N");
                await SignInSessions.CutOffAsync(db, account.Id, clock.GetUtcNow(), ct);
            }
        }
        await db.SaveChangesAsync(ct);
        return employee.Id;
    }
}
